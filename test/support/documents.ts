/**
 * GraphQL operations several spec files send unchanged. A spec that needs another selection keeps
 * its own variant.
 */

export const SIGN_UP = `mutation($input: SignUpForShiftInput!) {
  signUpForShift(input: $input) { id status position shift { id confirmedCount waitlistCount } }
}`;
export const CANCEL_SIGNUP = `mutation($input: SignupIdInput!) { cancelSignup(input: $input) { id status } }`;
export const CHECK_IN = `mutation($input: SignupIdInput!) { checkIn(input: $input) { id status checkedInAt } }`;

export const CREATE_SHIFT_SERIES = `mutation($input: CreateShiftSeriesInput!) { createShiftSeries(input: $input) { id } }`;
export const UPDATE_SHIFT = `mutation($input: UpdateShiftInput!) { updateShift(input: $input) { id } }`;
export const CONFIRM_SHIFT = `mutation($input: ShiftIdInput!) { confirmShift(input: $input) { id } }`;
export const CANCEL_SHIFT = `mutation($input: CancelShiftInput!) { cancelShift(input: $input) { id } }`;

export const LEAVE_ORGANISATION = `mutation($input: LeaveOrganisationInput!) { leaveOrganisation(input: $input) { id } }`;

export const ADD_CREDENTIAL = `mutation($input: AddCredentialInput!) { addCredential(input: $input) { id } }`;
export const VERIFY_CREDENTIAL = `mutation($input: VerifyCredentialInput!) { verifyCredential(input: $input) { id } }`;

export const CREATE_API_CLIENT = `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiKey } }`;
export const REVOKE_API_CLIENT = `mutation($input: ApiClientIdInput!) { revokeApiClient(input: $input) { id } }`;

export const CREATE_GRANT_PROGRAMME = `mutation($input: CreateGrantProgrammeInput!) {
  createGrantProgramme(input: $input) { id status budget maxPerApplication allocated remaining }
}`;
export const CREATE_GRANT_APPLICATION = `mutation($input: CreateGrantApplicationInput!) {
  createGrantApplication(input: $input) { id status requestedAmount }
}`;
export const SUBMIT_GRANT_APPLICATION = `mutation($input: GrantApplicationIdInput!) { submitGrantApplication(input: $input) { id status } }`;
export const WITHDRAW_GRANT_APPLICATION = `mutation($input: GrantApplicationIdInput!) { withdrawGrantApplication(input: $input) { id status } }`;
export const START_GRANT_REVIEW = `mutation($input: GrantApplicationIdInput!) { startGrantReview(input: $input) { id status } }`;
export const REVIEW_GRANT_APPLICATION = `mutation($input: ReviewGrantApplicationInput!) {
  reviewGrantApplication(input: $input) { id weightedScore scores { criterion score } }
}`;
export const DECIDE_GRANT_APPLICATION = `mutation($input: DecideGrantApplicationInput!) {
  decideGrantApplication(input: $input) { id status }
}`;
export const RECORD_DISBURSEMENT = `mutation($input: RecordDisbursementInput!) {
  recordDisbursement(input: $input) { id kind amount occurredAt reference application { id awarded disbursed remainingAward } }
}`;
export const RECORD_RECOVERY = `mutation($input: RecordRecoveryInput!) {
  recordRecovery(input: $input) { id kind amount application { id recovered outstandingRecovery } }
}`;
export const RECORD_ADJUSTMENT = `mutation($input: RecordAdjustmentInput!) {
  recordAdjustment(input: $input) { id kind amount note application { id awarded } }
}`;
export const SUBMIT_FOLLOW_UP_REPORT = `mutation($input: SubmitFollowUpReportInput!) {
  submitFollowUpReport(input: $input) { id status amountSpent submissionCount }
}`;
export const APPROVE_FOLLOW_UP_REPORT = `mutation($input: FollowUpReportIdInput!) { approveFollowUpReport(input: $input) { id status } }`;
export const RETURN_FOLLOW_UP_REPORT = `mutation($input: ReturnFollowUpReportInput!) { returnFollowUpReport(input: $input) { id status returnReason } }`;
