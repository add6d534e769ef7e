// Each detector against the examples docs/reply-feedback.md gives for it, so the guideline and the code say the
// same thing, and the learner-facing messages pinned so a change to what learners read is deliberate.
import { describe, expect, it } from 'vitest';
import { analyseReply, type Channel, type CriterionId, type Listener } from '../../src/lib/practice/index.ts';

function check(id: CriterionId, text: string, listener: Listener = 'external-customer', channel: Channel = 'email') {
  return analyseReply(text, { listener, channel, criteria: [id] }).criteria[0]!;
}
const metBy = (id: CriterionId, listener?: Listener) => (text: string) => expect(check(id, text, listener).met, text).toBe(true);
const failedBy = (id: CriterionId, listener?: Listener) => (text: string) =>
  expect(check(id, text, listener).met, text).toBe(false);

describe('the guideline examples', () => {
  it('acknowledge', () => {
    [
      "You've been waiting since Monday for the part.",
      'Your line has stood idle since ten because of the drawing.',
      'It left you £240 out of pocket over the weekend.',
      'Harland had to delay their store opening by two days.',
    ].forEach(metBy('acknowledge'));
    [
      'I understand.',
      'I understand your frustration.',
      "I know it's been a rough ten days.",
      'Your order arrived damaged.',
      'The glass is delayed.',
      'Sorry for any inconvenience this may have caused you.',
      'Has the delay cost you any sales?',
    ].forEach(failedBy('acknowledge'));
  });

  it('ownership', () => {
    [
      "I sent the wrong drawing and I'll fix it today.",
      "That was my mistake. We'll refit it on Monday.",
      'On it.',
      "You shouldn't have had to chase us; I've refunded it.",
    ].forEach(metBy('ownership'));
    [
      "You should have read the manual. I'll look at it.",
      "If you had booked earlier, we'd have a table. I'll see what I can do.",
      "The warehouse messed up the order. I'll chase them.",
      "Policy says refunds take ten days. I'll check.",
      "Mistakes were made. We'll fix it.",
      "These things happen. I'll look into it.",
      'The issue is being looked into.',
    ].forEach(failedBy('ownership'));
  });

  it('no-non-apology', () => {
    [
      "I'm sorry the invoice was wrong.",
      'Sorry you had to chase us three times.',
      "I'm sorry. The factory had a breakdown.",
      'I will refund it today.',
    ].forEach(metBy('no-non-apology'));
    [
      "I'm sorry if you were inconvenienced.",
      "I'm sorry you feel that way.",
      "Sorry you're upset about the delay.",
      'We apologise for any inconvenience.',
      'Sorry, but you booked the wrong date.',
      "I'm sorry for the delay, but we've had a lot of claims.",
    ].forEach(failedBy('no-non-apology'));
  });

  it('next-step', () => {
    [
      'I will call you by 3 pm today.',
      'Could we meet on Thursday at 10?',
      'The refund went out this morning and should land by Friday.',
      "I'll have a fix to you within the hour.",
    ].forEach(metBy('next-step'));
    [
      "We'll look into it soon.",
      'I will get back to you as soon as possible.',
      'It was due on Monday.',
      'Refunds take 10 working days.',
      'New date TBC.',
    ].forEach(failedBy('next-step'));
  });

  it('invite-view', () => {
    [
      'Does Thursday work for you?',
      'What would help most?',
      'Let me know what you think.',
      "Shout if you'd rather I sent the larger one.",
    ].forEach(metBy('invite-view'));
    [
      "Didn't you read the email?",
      "Why didn't you tell us sooner?",
      "What's your order number?",
      'Is this the best number?',
      'I will fix it.',
    ].forEach(failedBy('invite-view'));
  });

  it('plain-language depends on the listener', () => {
    failedBy('plain-language')('Your RMA is pending QA per the SLA.');
    failedBy('plain-language')('We will circle back going forward.');
    metBy('plain-language', 'colleague')('QA signed off the change this morning.');
    failedBy('plain-language', 'colleague')('UAT passed, so the rollback is blocked.');
    metBy('plain-language', 'engineer')('Rev D moved the holes 4 mm; fix by 14:00.');
    failedBy('plain-language', 'engineer')('The part is a bit off, looking into it.');
  });

  it('considerate', () => {
    ['Thanks, I just checked the order.', 'The guy who came out is new.', 'Happy birthday to the birthday girl!'].forEach(
      metBy('considerate'),
    );
    ['Thanks guys, all fixed.', 'Your lads can restart now.', 'The chairman signed it off.', "It's been a crazy week."].forEach(
      failedBy('considerate'),
    );
  });

  it('tone', () => {
    ['The part arrived late and your line lost a morning; I am sorry.', 'Thanks for flagging this. I will fix it today.'].forEach(
      metBy('tone'),
    );
    [
      'As I said yesterday, the drawing is correct.',
      'Obviously the bracket will not fit.',
      'Calm down, sir.',
      'Per my last email, see the terms.',
      'That is SUPER annoying!!',
      "You'll have to wait at the bar.",
    ].forEach(failedBy('tone'));
  });

  it('length counts words against the channel', () => {
    expect(analyseReply("I'll fix it.", { listener: 'colleague', channel: 'chat', criteria: ['length'] }).criteria[0]!.met).toBe(
      false,
    );
    const sixteen = 'I am sorry about the wait; I will ring you back at four with the new date.';
    expect(analyseReply(sixteen, { listener: 'colleague', channel: 'spoken', criteria: ['length'] }).criteria[0]!.met).toBe(true);
    expect(analyseReply(sixteen, { listener: 'colleague', channel: 'email', criteria: ['length'] }).criteria[0]!.met).toBe(false);
  });
});

describe('messages learners read', () => {
  it('say what was seen and suggest, quoting the reply', () => {
    const text = "Sorry if you feel let down, but you should have read the manual. We'll look at it soon.";
    const results = analyseReply(text, {
      listener: 'external-customer',
      channel: 'email',
      criteria: ['acknowledge', 'ownership', 'no-non-apology', 'next-step', 'invite-view'],
    });
    expect(results.criteria.map((c) => [c.id, c.saw, c.suggestion])).toMatchInlineSnapshot(`
      [
        [
          "acknowledge",
          "No sentence says what happened to them or what it cost them (time, money, work, plans).",
          "Name the situation and its effect in their terms, e.g. "the part arrived late and your line stood idle all morning".",
        ],
        [
          "ownership",
          ""you should have" puts the cause or the next move on someone or something else.",
          "Say what you or your team did or will do ("I sent the wrong drawing, I will..."), and leave the listener, policy and other teams out of the blame.",
        ],
        [
          "no-non-apology",
          ""Sorry if you feel let down, but" apologises for a reaction or a possibility, or takes the apology back.",
          "Apologise for what happened, plainly: "I'm sorry the invoice was wrong." Put any explanation in its own sentence, without "but".",
        ],
        [
          "next-step",
          "You say what will happen but not when: "soon" leaves the time open.",
          "Name a time the listener can hold you to: "by 3 pm today", "on Thursday morning".",
        ],
        [
          "invite-view",
          "The reply asks nothing of the listener, so they have no opening to correct or add to your plan.",
          "Ask one open question about what they need: "Would Thursday morning work for your team?" or "What matters most to you here?"",
        ],
      ]
    `);
  });
});
