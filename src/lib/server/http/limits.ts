/**
 * How much a request may carry, in one place, so that every page and endpoint refuses the same
 * oversized input the same way (docs/security.md).
 */

/**
 * The most fields one form post may have. Our largest real form is the assignments page with a
 * checkbox per person; a thousand covers a large organisation's worth of ticked people. Above it, a
 * post is refused with 413 before any page loops over its fields, because every loop over a form
 * (reading answers, showing them again) costs time in proportion to its length, and one request with
 * tens of thousands of repeated fields must not be able to hold the server (issue #14, item 1).
 */
export const MAX_FORM_FIELDS = 1000;
