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
