import { DomainError } from '../../common/errors/domain-error';
import { ConfigurationError } from '../../config/environment';
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
    try {
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
    } catch (error) {
      // Start-up stops; say which variable to fix (a weak password, most likely).
      if (error instanceof DomainError) {
        throw new ConfigurationError([`SAMVERKAN_ADMIN_PASSWORD is refused: ${error.message}`]);
      }
      throw error;
    }
    this.logger.log(`Created the bootstrap ADMIN account ${admin.email}`);
  }
}
