/** A learning path that grants a certificate: `content/paths/<path-id>.yaml`. */
import { z } from 'zod';
import { kebabId } from './ids.ts';

export const pathSchema = z
  .object({
    /** The certificate's name, printed on it: "Customer Care Standards". */
    title: z.string().trim().min(3).max(80),
    /** One or two sentences for the learner's record. */
    summary: z.string().trim().min(10).max(300),
    /** Module ids every learner must complete, in the order they should be taken. */
    modules: z.array(kebabId).min(1).max(20),
    /** Optional modules: the learner completes `choose` of the modules listed under `from`. */
    electives: z
      .object({
        /** How many of the listed modules a learner must complete, at least 1. */
        choose: z.number().int().min(1),
        /** The module ids to choose from. */
        from: z.array(kebabId).min(1).max(20),
      })
      .strict()
      .optional(),
    /** Months a certificate stays valid after it is issued; leave out for a certificate that never expires. */
    validityMonths: z.number().int().min(1).max(120).optional(),
    /** When and how a learner renews before the certificate lapses; needs `validityMonths`. */
    recertification: z
      .object({
        /** Days before expiry that the learner is assigned the recertification, 1-365. */
        noticeDays: z.number().int().min(1).max(365),
        /** Id of a shorter path in content/paths/ to pass instead of this whole path; leave out to repeat this one. */
        refresher: kebabId.optional(),
      })
      .strict()
      .optional(),
    /** A refresher only renews the certificates of the paths that name it; it grants none of its own. */
    refresher: z.boolean().default(false),
    /** Who issues the certificate, printed on it: "Rapport Training Team". */
    issuer: z.string().trim().min(3).max(80),
    /** Hidden from learners while true; nothing is issued for a draft. */
    draft: z.boolean().default(false),
  })
  .strict();

export type PathData = z.infer<typeof pathSchema>;
