import { z } from 'zod';

/** zod schema for the `description` every OpenSLO kind may carry: free text of at most 1050 characters. */
export const descriptionSchema = z.string().max(1050);
