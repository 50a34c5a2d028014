import { z } from 'zod';

export const uuid = z.string().uuid();
export const moneySchema = z.object({ amountMinor: z.number().int().positive(), currency: z.string().length(3) });
export const taskStatusSchema = z.enum(['OPEN', 'ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED']);
