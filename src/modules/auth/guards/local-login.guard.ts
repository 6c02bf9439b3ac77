import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../../../common/errors/domain-error';
import { httpOf } from '../../../common/request';
import type { Person } from '../../people';

/** What passport-local reads (`body`) and writes (`user`), one per `login` field executed. */
interface LoginRequest {
  body: unknown;
  user?: Person;
}

/** Keyed by the field's arguments object: each aliased `login` in a request is its own attempt. */
const loginRequests = new WeakMap<object, LoginRequest>();

/** Runs passport-local on the `input` of this `login` field. */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  override getRequest(context: ExecutionContext): LoginRequest {
    const args = GqlExecutionContext.create(context).getArgs<{ input?: unknown }>();
    const request: LoginRequest = { body: args.input ?? {} };
    loginRequests.set(args, request);
    return request;
  }

  getResponse(context: ExecutionContext): unknown {
    return httpOf(context).res;
  }

  override handleRequest<TUser = Person>(error: unknown, user: TUser | false): TUser {
    if (error instanceof Error) throw error;
    if (error) throw new Error('Sign-in failed');
    if (!user) throw DomainError.badInput('Email address and password are required');
    return user;
  }
}

/** The person `LocalLoginGuard` signed in for this field. */
export const LoginPerson = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Person => {
    const args = GqlExecutionContext.create(context).getArgs<object>();
    const person = loginRequests.get(args)?.user;
    if (!person) throw new Error('@LoginPerson() used without LocalLoginGuard');
    return person;
  },
);
