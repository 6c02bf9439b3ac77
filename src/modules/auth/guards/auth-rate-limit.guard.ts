import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DomainError } from '../../../common/errors/domain-error';
import { ErrorCode } from '../../../common/errors/error-codes';
import { httpOf } from '../../../common/request';

/**
 * Per-IP limit on `register`, `login`, `refreshToken` and the two-factor steps
 * (`completeTwoFactorLogin`, `startTwoFactorSetup`, `confirmTwoFactor`): AUTH_RATE_LIMIT_PER_MINUTE.
 */
@Injectable()
export class AuthRateLimitGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext): {
    req: Request;
    res: Response;
  } {
    const { req, res } = httpOf(context);
    return { req, res: res as Response };
  }

  protected override throwThrottlingException(): Promise<void> {
    throw new DomainError(
      ErrorCode.RATE_LIMITED,
      'Too many requests from this address; try again in a minute',
    );
  }
}
