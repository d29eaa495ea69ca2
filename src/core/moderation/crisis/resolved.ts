/**
 * A crisis told as over: "years ago I felt suicidal, but I'm in a good place now". A message that
 * places the crisis in the past AND says it is past AND holds no sign it is back (MOD2b: everyday
 * statements are not crisis) is not flagged for thoughts, plans, self-harm or farewells. Danger from
 * another person is stood down only when also told as left behind (`dangerOver`).
 */
export const RESOLVED = {
  /** When it was. Counts of 8 or more read as "many", so "in 2015" and "at 17" read "in many", "at many". */
  past: ['years/months/year ~1 ago', 'back ~1 in/when/then', 'used ~1 to', 'in/at/when+i+was ~1 many', 'when ~1 i ~1 was ~1 younger/a+teen/a+teenager/at+school/in+school/a+kid/little/in+college/at+uni', 'went ~1 through ~3 phase/time/period', 'once ~1 upon', 'in ~1 the ~1 past', 'last ~1 year ~3 but', 'year/years/month/months ~1 clean/free/without/since', 'year/years/month/months/days ~3 free/clean', 'in ~1 my ~1 teens/twenties', 'been ~1 ages', 'in ~1 months/years/ages #'],
  /** That it is over now. */
  over: ['good ~1 place ~2 now', 'glad/grateful/thankful/happy ~3 survived/alive/still+here/i+was+wrong/i+am+here/i+did+not/i+got+help', 'now ~3 i ~1 am ~1 a/an/doing/happy/well/better/fine/ok/okay/peer/in/studying/working/married/mum/dad/recovered', 'therapy/treatment/medication/counselling/counseling/support ~3 helped/saved/worked', 'recovered/recovering/recovery/survivor', 'got ~1 better', 'life ~1 is ~2 good/great/better/worth', 'got ~1 my ~1 degree/job', 'just ~1 have ~1 normal', 'wanted ~1 to ~1 share/say+thank', 'thank ~1 you ~3 service/for+being+here/for+this', 'celebrate/celebrating', 'clean ~1 for ~1 many/strength/year/years', 'graduated/graduating/graduate/married/engaged/promoted/new+job', 'now ~2 i ~1 know ~3 not ~1 true', 'i ~1 was ~1 wrong', 'never ~1 thought ~4 feel/be/see ~2 this ~1 happy/day/good', 'celebrated', 'scars ~2 faded/healed/fading', 'better ~1 place', 'thriving', 'handed ~2 in', 'genuinely/really/actually ~1 happy', 'proud ~1 of ~1 myself', 'stopped ~6 treatment/meds/medication/therapy', 'know ~1 now', 'it ~1 is ~1 over #'],
  /** Danger from another person is stood down only when told as over and as left behind. */
  dangerOver: ['moved ~1 out/away/abroad', 'restraining ~1 order', 'it ~1 is ~1 over #', 'no ~1 contact', 'left ~1 him/her/them', 'safe ~1 now', 'thriving', 'in ~1 prison/jail', 'restraining ~1 order ~3 years'],
  /** Signs it is back or still here: these keep the flag. */
  still: ['suicidal/die/dying/dead/kill/end/cut/cutting/harm/harming/hurt/hurting/want/wanted/thinking/thoughts/urge/urges/start/started/starting/relapse/relapsed/do/doing/did/happen/happening/down/low/dark/bad/worse/it/myself/overdose/overdosed ~1 again', 'is/are/came/come/coming/creeping/crept ~1 back', 'back ~1 again', 'lately', 'recently', 'tonight', 'right+now', 'these+days', 'return/returned/returning', 'relapse/relapsed', 'start/started/starting ~2 to? ~1 feel/think', 'worse', 'still ~3 want/think/feel/have', 'anymore', 'today ~3 want/thinking', 'now ~2 i ~1 want/need/think/feel ~2 die/end/kill/gone'],
  /**
   * A risk said not to be there ("I'm not suicidal", "I don't want to die, I just want things to
   * change"). Only the word model, which reads words and not their order, is stood down by it: a
   * rule that fires has already checked its own negation.
   */
  denied: ['i ~1 am ~1 not ~2 suicidal/going+to+hurt/going+to+kill/going+to+do+anything', 'not ~1 want ~2 die/be+dead/kill+myself/end+it/end+my+life/hurt+myself', 'not ~2 thinking ~1 of/about ~1 ending/killing/suicide/dying', 'no ~2 plans/plan ~1 to ~1 hurt/kill/end/harm', 'not ~1 going ~1 to ~1 hurt/kill/harm/do+anything', 'i ~1 am ~1 safe', 'not ~1 in ~1 danger', 'not ~1 like ~1 that'],
};
