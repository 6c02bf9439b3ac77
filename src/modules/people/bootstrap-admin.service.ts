import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ANONYMOUS, SystemRole } from '../../common/actor';
import { AppConfig } from '../../config/app-config';
import { PeopleService } from './people.service';

/**
 * The bootstrap of a new deployment: with SAMVERKAN_ADMIN_EMAIL and SAMVERKAN_ADMIN_PASSWORD set,
 * start-up creates that person as ADMIN unless an account with that email exists (an existing
 * account is never changed, so the variables can stay set).
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly people: PeopleService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin || (await this.people.findByEmail(admin.email))) return;
    await this.people.create(
      ANONYMOUS,
      {
        email: admin.email,
        displayName: 'Administratör',
        password: admin.password,
        systemRole: SystemRole.ADMIN,
      },
      { emailVerified: true },
    );
    this.logger.log(`Created the bootstrap ADMIN account ${admin.email}`);
  }
}
