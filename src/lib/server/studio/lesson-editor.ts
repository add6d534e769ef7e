/**
 * The lesson editor's posts: save the frontmatter fields and the MDX body, insert a component from the
 * menu at the cursor, or upload an image (saved beside the lesson) and insert it with its alt text.
 */
import type { SessionUser } from '../auth/session.ts';
import { field, rawField } from '../http/request.ts';
import { fieldsToObject } from '../../studio/form-fields.ts';
import { imageMarkdown, insertSnippet, snippetFor } from '../../studio/snippets.ts';
import { lessonText } from '../../studio/yaml-text.ts';
import type { BuildText } from './editor.ts';
import { saveImage } from './images.ts';

export function lessonBuilder(moduleId: string): BuildText {
  return async (form: FormData, intent: string, user: SessionUser) => {
    const frontmatter = fieldsToObject(form.entries());
    const body = rawField(form, '_body').replace(/\r\n/g, '\n');
    const cursor = field(form, '_cursor') === '' ? undefined : Number(field(form, '_cursor'));
    if (intent === 'save') return { text: lessonText(frontmatter, body) };
    if (intent === 'insert') {
      const snippet = snippetFor(field(form, '_snippet'));
      if (!snippet) return { refused: 'Choose a component to insert from the menu.', text: lessonText(frontmatter, body) };
      return { text: lessonText(frontmatter, insertSnippet(body, snippet, cursor)), anchor: 'body' };
    }
    if (intent === 'upload') {
      const file = form.get('_image');
      const alt = field(form, '_imageAlt');
      const saved =
        file instanceof File ? await saveImage(moduleId, file, alt, user.id) : { error: 'Choose an image file to upload.' };
      if ('error' in saved) return { refused: saved.error, text: lessonText(frontmatter, body) };
      return { text: lessonText(frontmatter, insertSnippet(body, imageMarkdown(alt, saved.name), cursor)), anchor: 'body' };
    }
    return null;
  };
}
