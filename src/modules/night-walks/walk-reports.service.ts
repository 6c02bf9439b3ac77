import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, Repository } from 'typeorm';
import { Actor, isPerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { toStockholmIso } from '../../common/time';
import { containsPersonalIdentityNumber } from '../../common/personal-identity-number';
import { isUniqueViolation } from '../../database/database-errors';
import { Database } from '../../database/database.service';
import { byKey, LoaderFactory } from '../../graphql/loaders';
import { MANAGERS, OrganisationAccess } from '../organisations';
import { SubmitWalkReportInput } from './dto/shift.inputs';
import { OPEN_SHIFT_STATUSES, Shift, ShiftStatus } from './entities/shift.entity';
import { SignupStatus } from './entities/signup.entity';
import { WalkReport } from './entities/walk-report.entity';
import { ShiftEvents } from './shift-events.service';
import { ShiftsService } from './shifts.service';

/**
 * The report after a walk, by a walker who checked in or the organisation's coordinator. It
 * completes the walk, which credits its hours to the walkers who attended (attendance is the
 * check-ins: a coordinator can still check in someone who forgot); it never names the people met.
 */
@Injectable()
export class WalkReportsService {
  constructor(
    @InjectRepository(WalkReport) private readonly reports: Repository<WalkReport>,
    private readonly database: Database,
    private readonly shifts: ShiftsService,
    private readonly access: OrganisationAccess,
    private readonly events: ShiftEvents,
    private readonly clock: Clock,
  ) {}

  readonly byShift: LoaderFactory<string, WalkReport | null> = () =>
    new DataLoader(async (shiftIds) =>
      byKey(
        shiftIds,
        await this.reports.findBy({ shiftId: In([...shiftIds]) }),
        (report) => report.shiftId,
      ),
    );

  async submit(actor: Actor, input: SubmitWalkReportInput): Promise<WalkReport> {
    if (!isPerson(actor)) throw DomainError.forbidden('Only a signed-in person reports on a walk');
    const shift = await this.shifts.get(input.shiftId);
    const coordinator = await this.access.hasRole(actor, shift.organisationId, MANAGERS);
    const own = await this.shifts.getSignupOf(actor.personId, shift.id);
    if (!coordinator && own?.status !== SignupStatus.ATTENDED) {
      throw DomainError.forbidden(
        'Only a walker who checked in on this walk, or its coordinator, can report on it',
      );
    }
    const problems: Record<string, string[]> = {};
    if (containsPersonalIdentityNumber(input.notes)) {
      problems.notes = [
        'must not contain a personal identity number: reports never name the people met',
      ];
    }
    if (input.areasCovered.some((area) => containsPersonalIdentityNumber(area))) {
      problems.areasCovered = ['must not contain a personal identity number'];
    }
    if (Object.keys(problems).length > 0)
      throw DomainError.badInput('The report names someone', problems);
    const now = this.clock.now();
    if (now < shift.endsAt) {
      const endsAt = toStockholmIso(shift.endsAt);
      throw new DomainError(
        ErrorCode.INVALID_STATE_TRANSITION,
        `Shift cannot go from ${shift.status} to ${ShiftStatus.COMPLETED} before it ends (${endsAt})`,
        { from: shift.status, to: ShiftStatus.COMPLETED, endsAt },
      );
    }
    try {
      const { report, completed } = await this.database.transaction(async (manager) => {
        const locked = await this.database.findOneForUpdate(manager, Shift, { id: shift.id });
        if (!locked) throw DomainError.notFound('Shift', shift.id);
        if (!OPEN_SHIFT_STATUSES.includes(locked.status)) {
          throw DomainError.invalidTransition('Shift', locked.status, ShiftStatus.COMPLETED);
        }
        const saved = await manager.save(
          manager.create(WalkReport, {
            shiftId: locked.id,
            submittedById: actor.personId,
            youngPeopleMet: input.youngPeopleMet,
            adultsMet: input.adultsMet,
            referrals: input.referrals,
            policeContacted: input.policeContacted,
            incidentCategories: input.incidentCategories,
            areasCovered: input.areasCovered
              .map((area) => area.trim())
              .filter((area) => area.length > 0),
            notes: input.notes.trim(),
            submittedAt: now,
          }),
        );
        locked.status = ShiftStatus.COMPLETED;
        await manager.update(Shift, { id: locked.id }, { status: locked.status });
        return { report: saved, completed: locked };
      });
      this.events.changed(completed);
      return report;
    } catch (error) {
      if (isUniqueViolation(error))
        throw DomainError.invalidTransition('Shift', ShiftStatus.COMPLETED, ShiftStatus.COMPLETED);
      throw error;
    }
  }
}
