/** How an objective (`<module>:<skill>`) reads on screen: "Empathy · module empathy". */
import { SKILL_LABELS, SKILLS, type Skill } from '../../schemas/skills.ts';

export function objectiveSkill(objective: string): Skill | null {
  const skill = objective.split(':')[1] ?? '';
  return (SKILLS as readonly string[]).includes(skill) ? (skill as Skill) : null;
}

export function objectiveLabel(objective: string, moduleTitle?: string): string {
  const [moduleId = ''] = objective.split(':');
  const skill = objectiveSkill(objective);
  return `${skill ? SKILL_LABELS[skill] : 'General'} in ${moduleTitle ?? moduleId.replaceAll('-', ' ')}`;
}
