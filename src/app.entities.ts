import { ApiClient } from './modules/api-clients';
import { AuditLogEntry } from './modules/audit';
import {
  AuthSession,
  EmailVerification,
  LoginAttempt,
  RefreshToken,
  TwoFactor,
  TwoFactorChallenge,
  TwoFactorRecoveryCode,
} from './modules/auth';
import { Blackout, Booking, BookingSeries, Resource } from './modules/bookings';
import { Credential } from './modules/credentials';
import { District } from './modules/districts';
import {
  FollowUpReport,
  GrantApplication,
  GrantLedgerEntry,
  GrantProgramme,
  GrantReview,
} from './modules/grants';
import { CalendarFeed, Shift, ShiftSeries, Signup, WalkReport } from './modules/night-walks';
import {
  MailMessage,
  Notification,
  NotificationSettings,
  SentReminder,
} from './modules/notifications';
import { Membership, Organisation, OrganisationDistrict } from './modules/organisations';
import { Person } from './modules/people';
import { ServiceUsageReport, SupportService, SupportServiceOpeningSlot } from './modules/services';
import { PlacementRequest, Shelter, ShelterAvailabilityReport } from './modules/shelters';

/**
 * Every entity, for the places that build a DataSource without the Nest modules (migration CLI,
 * migration check). Each module still registers only its own entities with TypeORM.
 */
export const ENTITIES = [
  AuditLogEntry,
  District,
  Person,
  Organisation,
  OrganisationDistrict,
  Membership,
  Credential,
  ApiClient,
  AuthSession,
  RefreshToken,
  LoginAttempt,
  EmailVerification,
  TwoFactor,
  TwoFactorRecoveryCode,
  TwoFactorChallenge,
  Notification,
  MailMessage,
  NotificationSettings,
  SentReminder,
  ShiftSeries,
  Shift,
  Signup,
  WalkReport,
  CalendarFeed,
  Shelter,
  ShelterAvailabilityReport,
  PlacementRequest,
  SupportService,
  SupportServiceOpeningSlot,
  ServiceUsageReport,
  Resource,
  BookingSeries,
  Booking,
  Blackout,
  GrantProgramme,
  GrantApplication,
  GrantReview,
  GrantLedgerEntry,
  FollowUpReport,
];
