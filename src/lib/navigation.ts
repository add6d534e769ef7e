/** The main navigation, filtered by what the signed-in person may do. */
import { can, type Actor, type Permission } from './auth/permissions.ts';

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

const ITEMS: NavItem[] = [
  { href: '/', label: 'My learning', permission: 'learn' },
  { href: '/modules', label: 'Modules', permission: 'learn' },
  { href: '/journal', label: 'Journal', permission: 'learn' },
  { href: '/certificates', label: 'Certificates', permission: 'learn' },
  { href: '/team', label: 'My teams', permission: 'team:manage' },
  { href: '/assignments', label: 'Assignments', permission: 'team:manage' },
  { href: '/insight', label: 'Content insight', permission: 'content:analytics' },
  { href: '/studio', label: 'Studio', permission: 'content:author' },
  { href: '/admin/people', label: 'People', permission: 'people:manage' },
];

export function navFor(actor: Actor | null, available: ReadonlySet<string> | null = null): NavItem[] {
  return ITEMS.filter((item) => can(actor, item.permission) && (!available || available.has(item.href)));
}

/** The nav item a path belongs to, for aria-current. Longest matching prefix wins. */
export function currentNav(pathname: string, items: NavItem[]): string | undefined {
  const matches = items.filter((i) =>
    i.href === '/' ? pathname === '/' : pathname === i.href || pathname.startsWith(`${i.href}/`),
  );
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href;
}
