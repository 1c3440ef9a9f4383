import {
  BudgetPaidV1,
  BudgetReleasedV1,
  BudgetReservedV1,
  PaymentInstructedV1,
  Rejection,
} from '@highland/contracts';
import { z } from 'zod';
import { instructionRef, ledgerId } from '../domain/ids.js';
import { decideReserve, type LedgerState, type Limits, remainingFen } from '../domain/ledger.js';
import type { IncentivesCommand } from './command.js';
import { IsoDay } from './fields.js';

const ledgerOf = (current: { state: unknown } | undefined) =>
  (current?.state as LedgerState | undefined)?.kind === 'ledger'
    ? (current!.state as LedgerState)
    : undefined;

/** Reserves an approval's amount: the remaining budget and the applicant's cap are checked on the ledger itself. */
export function reserveBudget(
  programmeId: string,
  limits: Limits,
  applicationId: string,
  applicant: string,
  amountFen: number,
): IncentivesCommand {
  return {
    aggregateId: ledgerId(programmeId),
    name: 'reserve budget',
    decide: (current) => {
      const remaining = decideReserve(ledgerOf(current), limits, applicationId, applicant, amountFen);
      if (remaining === undefined) return undefined;
      return {
        contract: BudgetReservedV1,
        data: { programmeId, applicationId, applicant, amountFen, remainingFen: remaining },
      };
    },
  };
}

/** Releases what an application holds unpaid (rejection, withdrawal, failed approval); nothing held: unchanged. */
export function releaseBudget(
  programmeId: string,
  totalBudgetFen: number,
  applicationId: string,
): IncentivesCommand {
  return {
    aggregateId: ledgerId(programmeId),
    name: 'release budget',
    decide: (current) => {
      const l = ledgerOf(current);
      const line = l?.lines[applicationId];
      if (!l || !line || line.status !== 'reserved' || line.reservedFen === 0) return undefined;
      if (line.instructedFen > line.paidFen)
        throw Rejection.conflict('a payment instruction of this application is not settled yet', [
          { field: 'status', reason: 'an instructed instalment is unpaid' },
        ]);
      return {
        contract: BudgetReleasedV1,
        data: {
          programmeId,
          applicationId,
          amountFen: line.reservedFen,
          remainingFen: remainingFen(totalBudgetFen, l) + line.reservedFen,
        },
      };
    },
  };
}

export const InstructPaymentInput = z
  .object({
    instalment: z.number().int().min(1).max(100),
    amountFen: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type InstructPaymentBody = z.infer<typeof InstructPaymentInput>;

/**
 * Issues one instalment's payment instruction, once: its reference is (application, instalment),
 * and it is an event on the ledger, so the instructed total never passes what is reserved.
 */
export function instructPayment(
  programmeId: string,
  applicationId: string,
  payee: string,
  input: InstructPaymentBody,
): IncentivesCommand {
  const instruction = instructionRef(applicationId, input.instalment);
  return {
    aggregateId: ledgerId(programmeId),
    name: 'instruct payment',
    decide: (current) => {
      const line = ledgerOf(current)?.lines[applicationId];
      if (!line || line.status !== 'reserved')
        throw Rejection.conflict('no budget is reserved for this application', [
          { field: 'path.id', reason: 'nothing reserved' },
        ]);
      const existing = line.instructions[instruction];
      if (existing) {
        if (existing.amountFen === input.amountFen) return undefined;
        throw Rejection.conflict(
          `instalment ${input.instalment} was already issued for ${existing.amountFen} fen`,
          [{ field: 'body.instalment', reason: 'already issued' }],
        );
      }
      const open = line.reservedFen + line.paidFen - line.instructedFen;
      if (input.amountFen > open)
        throw Rejection.conflict(`${open} fen of the approval are left to instruct`, [
          { field: 'body.amountFen', reason: `over what is left to pay (${open} fen)` },
        ]);
      return {
        contract: PaymentInstructedV1,
        data: {
          programmeId,
          applicationId,
          instruction,
          instalment: input.instalment,
          payee,
          amountFen: input.amountFen,
        },
      };
    },
  };
}

export const MarkPaidInput = z
  .object({ financeReference: z.string().trim().min(1).max(200), paidOn: IsoDay })
  .strict();
export type MarkPaidBody = z.infer<typeof MarkPaidInput>;

/** Finance marks an instruction paid with its own reference; the same reference again changes nothing. */
export function markBudgetPaid(
  programmeId: string,
  applicationId: string,
  instruction: string,
  input: MarkPaidBody,
): IncentivesCommand {
  return {
    aggregateId: ledgerId(programmeId),
    name: 'mark paid',
    decide: (current) => {
      const ins = ledgerOf(current)?.lines[applicationId]?.instructions[instruction];
      if (!ins) throw Rejection.notFound(`no payment instruction ${instruction}`);
      if (ins.paid) {
        if (ins.financeReference === input.financeReference) return undefined;
        throw Rejection.conflict(`instruction ${instruction} is already paid (${ins.financeReference})`, [
          { field: 'body.financeReference', reason: 'already paid under another reference' },
        ]);
      }
      return {
        contract: BudgetPaidV1,
        data: {
          programmeId,
          applicationId,
          instruction,
          amountFen: ins.amountFen,
          financeReference: input.financeReference,
          paidOn: input.paidOn,
        },
      };
    },
  };
}
