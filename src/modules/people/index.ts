export { Locale, Person } from './entities/person.entity';
export { PasswordService, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.service';
export { PeopleModule } from './people.module';
export { PeopleService, seesPrivateFieldsOf } from './people.service';
export { PROTECTED_IDENTITY_NAME } from './person-fields.resolver';
