// The number provider of sandbox accounts: the computed inventory, rentals in the database
// and rent paid from the account's ledger. Renewals are the Renewals service's job.
import type { Db } from "../data/database.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import type { Ledger } from "../billing/ledger.ts";
import { withAccountLock } from "../billing/account-lock.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { UserError, isUserError } from "../core/errors.ts";
import type { Decimal } from "../core/money.ts";
import { newId } from "../core/ids.ts";
import type { AvailableNumber, NumberConfig, NumberProvider, NumberSearchQuery, NumberSearchResult, OwnedNumber } from "../providers/number-provider.ts";
import type { SandboxInventory } from "./inventory/sandbox-inventory.ts";
import { rentalSelect, toOwnedNumber, type RentalsRepository } from "./rentals-repository.ts";
import { formatDay, renewalDate } from "./renewal-dates.ts";
import { formatMsisdn } from "./msisdn.ts";
import { cannotCover, notYours } from "./number-errors.ts";

export const rentRef = (rentalId: string, period: number): string => `rent:${rentalId}:${period}`;

export class SandboxNumberProvider implements NumberProvider {
  readonly name = "sandbox";

  constructor(
    private readonly db: Db,
    // Laid out on first use rather than at start-up (~25 ms of CPU, cold).
    private readonly inventory: () => SandboxInventory,
    private readonly rentals: RentalsRepository,
    private readonly ledger: Ledger,
  ) {}

  async search(_account: AccountRecord, query: NumberSearchQuery): Promise<NumberSearchResult> {
    const rented = await this.rentals.rentedIn(query.country, query.type, query.pattern, query.match);
    return this.inventory().search(query, rented);
  }

  async available(_account: AccountRecord, msisdn: string): Promise<AvailableNumber | undefined> {
    const number = this.inventory().find(msisdn);
    if (!number || (await this.rentals.isRented(msisdn))) return undefined;
    return number;
  }

  balance(account: AccountRecord): Promise<Decimal> {
    return this.ledger.balance(account.id);
  }

  async rent(account: AccountRecord, msisdn: string, at: Date): Promise<OwnedNumber> {
    const number = this.inventory().find(msisdn);
    if (!number) throw notOnSale(msisdn);
    const id = newId("num");
    try {
      // The account's lock first, then the rental that references it (see account-lock.ts).
      const row = await withAccountLock(this.db, account.id, async (locked) => {
        if (locked.balance.lessThan(number.monthlyPrice)) throw cannotCover(number, locked.balance);
        const rental = await locked.tx.numberRental.create({
          data: {
            id,
            accountId: account.id,
            msisdn,
            activeMsisdn: msisdn,
            country: number.country,
            type: number.type,
            features: number.features,
            monthlyPrice: number.monthlyPrice.toString(),
            subscribedAt: at,
            nextRenewalAt: renewalDate(at, 1),
          },
          select: rentalSelect,
        });
        const entry = { kind: "rent" as const, amount: number.monthlyPrice.negated(), description: `Rent of ${formatMsisdn(msisdn)}, month from ${formatDay(at)}`, ref: rentRef(id, 0), at };
        await this.ledger.postIn(locked, entry, true);
        return rental;
      });
      return toOwnedNumber(row);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw await this.takenError(account, msisdn);
      if (isUserError(error) && error.code === "insufficient_balance") throw cannotCover(number, await this.ledger.balance(account.id));
      throw error;
    }
  }

  async list(account: AccountRecord): Promise<OwnedNumber[]> {
    return (await this.rentals.activeOf(account.id)).map(toOwnedNumber);
  }

  async find(account: AccountRecord, msisdn: string): Promise<OwnedNumber | undefined> {
    const rental = await this.rentals.findActive(account.id, msisdn);
    return rental ? toOwnedNumber(rental) : undefined;
  }

  async configure(account: AccountRecord, msisdn: string, config: NumberConfig): Promise<OwnedNumber> {
    const rental = await this.owned(account, msisdn);
    return toOwnedNumber(await this.rentals.updateConfig(rental.id, config));
  }

  /** Under the account's lock, so a renewal running at the same moment cannot charge a number being cancelled. */
  async cancel(account: AccountRecord, msisdn: string, at: Date): Promise<OwnedNumber> {
    const rental = await this.owned(account, msisdn);
    const released = await withAccountLock(this.db, account.id, ({ tx }) => this.rentals.release(rental.id, at, "cancelled", tx));
    if (!released) throw notYours(msisdn);
    return toOwnedNumber(rental);
  }

  private async owned(account: AccountRecord, msisdn: string) {
    const rental = await this.rentals.findActive(account.id, msisdn);
    if (!rental) throw notYours(msisdn);
    return rental;
  }

  private async takenError(account: AccountRecord, msisdn: string): Promise<UserError> {
    if (await this.rentals.findActive(account.id, msisdn)) {
      return new UserError("already_yours", `You already rent ${formatMsisdn(msisdn)}: nothing was charged again.`, {
        hint: "See it with `numbers list`.",
      });
    }
    return new UserError("number_taken", `${formatMsisdn(msisdn)} has just been rented by someone else.`, {
      hint: "Search again with `numbers search <country>`.",
    });
  }
}

function notOnSale(msisdn: string): UserError {
  return new UserError("not_on_sale", `${formatMsisdn(msisdn)} is not in the sandbox inventory.`, {
    hint: "Rent a number that `numbers search <country>` lists.",
  });
}
