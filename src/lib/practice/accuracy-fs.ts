/** Reads the labelled replies (tests/fixtures/replies/<part>/*.yaml) for the accuracy test and the benchmark. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { CHANNELS, CRITERIA, LISTENERS } from './criteria.ts';
import type { LabelledReply } from './accuracy.ts';

const SituationFile = z.object({
  situation: z.string().min(1),
  listener: z.enum(LISTENERS as [string, ...string[]]),
  channel: z.enum(CHANNELS as [string, ...string[]]),
  replies: z
    .array(z.object({ id: z.string().min(1), text: z.string().min(1), fails: z.array(z.enum(CRITERIA)) }).strict())
    .min(1),
});

/** Every reply in every .yaml file of `dir`, in file order; a malformed file names itself and the field. */
export function loadLabelledReplies(dir: string): LabelledReply[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.flatMap((file) => {
    const parsed = SituationFile.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(
        `${join(dir, file)}: ${issue.path.join('.')}: ${issue.message}. Fix the field as docs/reply-feedback.md describes.`,
      );
    }
    const { listener, channel, replies } = parsed.data;
    return replies.map((r) => ({ ...r, file, listener, channel }) as LabelledReply);
  });
}
