import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { NotificationsModule } from '../notifications';
import { OrganisationsModule } from '../organisations';
import { PeopleModule } from '../people';
import { FollowUpReport } from './entities/follow-up-report.entity';
import { GrantApplication } from './entities/grant-application.entity';
import { GrantLedgerEntry } from './entities/grant-ledger-entry.entity';
import { GrantProgramme } from './entities/grant-programme.entity';
import { GrantReview } from './entities/grant-review.entity';
import { FollowUpReportsService } from './follow-up-reports.service';
import {
  GrantApplicationFieldsResolver,
  OrganisationGrantApplicationsResolver,
} from './grant-application-fields.resolver';
import { GrantApplicationsResolver } from './grant-applications.resolver';
import { GrantApplicationsService } from './grant-applications.service';
import { GrantApplyingService } from './grant-applying.service';
import { GrantAssessmentService } from './grant-assessment.service';
import { GrantDecisionsService } from './grant-decisions.service';
import { GrantJobsService } from './grant-jobs.service';
import { GrantLedgerService } from './grant-ledger.service';
import { GrantLedgerWriter } from './grant-ledger-writer.service';
import { GrantMoneyResolver } from './grant-money.resolver';
import { GrantMoneyService } from './grant-money.service';
import { GrantNotices } from './grant-notices.service';
import { GrantProgrammeFieldsResolver } from './grant-programme-fields.resolver';
import { GrantProgrammesResolver } from './grant-programmes.resolver';
import { GrantProgrammesService } from './grant-programmes.service';
import {
  FollowUpReportFieldsResolver,
  GrantDecisionFieldsResolver,
  GrantLedgerEntryFieldsResolver,
  GrantReviewFieldsResolver,
} from './grant-record-fields.resolver';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      GrantProgramme,
      GrantApplication,
      GrantReview,
      GrantLedgerEntry,
      FollowUpReport,
    ]),
    AuditModule,
    OrganisationsModule,
    PeopleModule,
    NotificationsModule,
  ],
  providers: [
    GrantProgrammesService,
    GrantApplicationsService,
    GrantApplyingService,
    GrantAssessmentService,
    GrantDecisionsService,
    GrantLedgerService,
    GrantLedgerWriter,
    GrantMoneyService,
    FollowUpReportsService,
    GrantNotices,
    GrantJobsService,
    GrantProgrammesResolver,
    GrantProgrammeFieldsResolver,
    GrantApplicationsResolver,
    GrantApplicationFieldsResolver,
    OrganisationGrantApplicationsResolver,
    GrantMoneyResolver,
    GrantDecisionFieldsResolver,
    GrantReviewFieldsResolver,
    GrantLedgerEntryFieldsResolver,
    FollowUpReportFieldsResolver,
  ],
  exports: [
    GrantProgrammesService,
    GrantApplicationsService,
    GrantApplyingService,
    GrantAssessmentService,
    GrantDecisionsService,
    GrantLedgerService,
    GrantMoneyService,
    FollowUpReportsService,
    GrantJobsService,
  ],
})
export class GrantsModule {}
