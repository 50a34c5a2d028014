import { z } from 'zod';

export const uuid = z.string().uuid();
export const moneySchema = z.object({ amountMinor: z.number().int().positive(), currency: z.string().length(3) });
export const taskStatusSchema = z.enum(['OPEN', 'ASSIGNED', 'DONE', 'DISPUTED', 'COMPLETED', 'CANCELLED']);
/** An amount that may be zero (one side of a dispute's split, a fee). */
export const moneyOrZeroSchema = moneySchema.extend({ amountMinor: z.number().int().nonnegative() });
