import type { RuleSpec } from './compile.js';

const rule = (category: RuleSpec['category'], pattern: string, extra: Partial<RuleSpec> = {}): RuleSpec => ({ category, pattern, ...extra });

/** Fiction, games and jokes about someone else, where a crisis word names no one at risk now. */
const NOT_REAL = ['game/games/gaming/character/film/movie/show/series/episode/book/novel/song/lyrics/podcast/joke/joking/jokes/lol/lmao/team/loses/lost+the'];

/**
 * Crises that are happening now, told plainly: someone else at risk while the writer is with them
 * ("she's standing on the bridge right now"), violence at home as it happens ("I'm under my bed"),
 * a farewell signed off ("signing off for the final time"), harm just done ("made 15 new cuts",
 * "opened all my scars again"), and a time set ("my plan is friday night").
 */
export const NOW_RULES: RuleSpec[] = [
  // Someone else about to die, or harming themselves, now: a crisis for the writer to be helped through.
  rule('someone else at risk', 'she/he/they/friend/brother/sister/mum/mom/dad/son/daughter/partner/boyfriend/girlfriend/husband/wife ~3 is/are/was ~1 standing/sitting/on/at ~3 the? ~1 HEIGHT/edge/tracks/railway ~4 right+now/now/#', { unless: NOT_REAL }),
  rule('someone else at risk', 'cutting/hurting/burning/choking/hanging himself/herself/themselves/themself ~4 right+now/now/in+the/#', { unless: NOT_REAL }),
  rule('someone else at risk', 'found/find ~3 her/his/their/my+mum/my+dad/the ~1 pill/pills/pill+bottles/pill+bottle/tablets/meds ~2 empty/gone/all+gone', { negatable: false }),
  rule('someone else at risk', 'said ~2 she/he/they ~1 is/are ~1 done/finished/going+to+end+it/saying+goodbye', { unless: NOT_REAL }),
  rule('someone else at risk', 'took/swallowed/taken ~2 a+bottle/the+bottle/all/everything/pills/tablets ~6 not ~1 waking/wake/responding/breathing', { negatable: false }),
  // Violence at home as it happens, or a threat for when the person comes back.
  rule('danger from another person', 'OTHER ~3 is/are ~1 throwing/smashing/breaking/kicking/punching/screaming ~6 i ~1 am ~2 hiding/under/locked/in+the', { negatable: false }),
  rule('danger from another person', 'i ~1 am ~1 hiding/hidden ~3 under/in/behind ~2 my/the ~1 bed/wardrobe/closet/cupboard/bathroom/car', { unless: ['hide ~1 and ~1 seek', 'present/presents/surprise/party/spiders/spider/cat/kids/game'] }),
  rule('danger from another person', 'teach ~1 me ~1 a ~1 lesson ~4 when/once/after ~2 he/she/they ~1 gets/get/comes/come ~1 back/home', { negatable: false }),
  rule('danger from another person', 'held/pushed/kept/forced ~1 my ~1 head ~2 under/underwater', { negatable: false }),
  rule('danger from another person', 'ex/he/she/they ~2 was/were/is ~1 inside/in ~1 my ~1 flat/house/home/room/apartment/place', { negatable: false, unless: ['invited/visit/visiting/pick+up/collect/collecting/stuff/dropped+off/kids'] }),
  rule('danger from another person', 'ex/he/she/they ~2 broke/smashed/kicked+in/kicked+down ~3 the? ~1 window/door/windows/doors ~4 my/at/of', { negatable: false }),
  rule('danger from another person', 'took/taken/took+off ~2 my ~1 door ~2 off ~2 the? ~1 hinges'),
  rule('danger from another person', 'tracking/tracked/tracks ~2 my ~1 phone/location/car ~12 on ~1 his/her/their ~1 way', { wholeMessage: true, negatable: false }),
  rule('danger from another person', 'knew/found/got/has/have ~2 my ~1 new ~1 number/address/flat/place', { unless: ['bank/work/boss/dentist/gp/doctor/school/friends/mum/dad/delivery'] }),
  rule('danger from another person', 'dead ~1 flowers/animals/bird/birds/rat/rats ~4 doorstep/door/car/porch'),
  rule('danger from another person', 'got/gets/been ~1 out/released ~8 seen ~1 him/her/them ~4 street/house/work/outside/road/school'),
  // Signing off for good.
  rule('farewell', 'signing/sign/logging ~1 off ~2 for ~1 the ~1 final/last ~1 time', { unless: ['shift/work/job/season/year/show/stream/channel/blog/account'] }),
  rule('farewell', 'see ~1 you ~2 on ~1 the ~1 other ~1 side', { unless: ['@holiday/trip/flight/tunnel/border/bridge+run/weekend/exam/exams/summer/break/surgery/operation/packing/suitcase/suitcases/moving/move/flying/visa'] }),
  rule('farewell', 'so ~1 this ~1 is ~1 it ~3 peace/bye/goodbye/everyone', { wholeMessage: true }),
  rule('farewell', 'nothing ~1 left ~2 to ~1 sort/do/organise/organize/tidy ~1 out? #', { unless: ['work/inbox/homework/list/packing/wedding/move'] }),
  rule('farewell', 'take/have/adopt ~2 my ~1 PET ~10 deserves/deserve ~1 better ~1 than ~1 me'),
  rule('farewell', 'rings/ring/journals/journal/diary/diaries/letters/jewellery/jewelry/watch/things ~4 in ~1 a/an ~1 box/envelope ~3 for/with ~2 my ~1 sister/brother/mum/mom/dad/son/daughter/name', { negatable: false }),
  rule('farewell', 'scheduled/schedule ~2 an? ~1 email/emails/message/messages/text/texts ~8 she/he/they ~1 will ~1 understand', { wholeMessage: true, negatable: false }),
  rule('farewell', 'thank ~1 you ~6 before ~1 i ~1 go #', { unless: ['go ~1 to ~1 bed/sleep/work', 'before ~1 i ~1 go ~1 to'] }),
  // Harm just done, or undone healing.
  rule('self-harm', 'opened/reopened/open/opening ~2 up? ~1 my? ~1 old? ~1 scars/wounds/cuts ~3 again/today/tonight/all/#'),
  rule('self-harm', 'made ~3 new ~1 cuts/cut/burns/marks'),
  rule('self-harm', 'smashing/smashed/hitting/hit/punching/punched/burning/burned ~2 my ~1 own ~1 hand/arm/head/leg/face ~3 with/against/into', { negatable: false }),
  rule('self-harm', 'scratching/scratched/picking/pulling ~4 scalp/skin/arm/arms/legs/face ~1 bloody/raw/till+it+bleeds/until+it+bleeds'),
  rule('self-harm', 'purged/purging/threw+up ~3 many ~1 times ~4 heart/chest/dizzy/faint/fluttery/pounding'),
  // The means at hand and only the nerve missing: "my meds are in a pile in front of me. just need the nerve".
  rule('plan mentioned', 'DRUG/WEAPON/MEANS/POISON/HEIGHT/rope ~16 need/needs/find/found/get/got/have/lack ~2 the ~1 nerve/courage/guts', { wholeMessage: true, negatable: false }),
  rule('plan mentioned', 'pills/tablets/meds/bottle ~12 taking/take/swallow/swallowing ~1 them/it/all ~2 at/after/tonight/later/when/once', { wholeMessage: true, negatable: false, unless: ['doctor/prescribed/prescription/antibiotics/vitamins/with+food/after+meals/as+directed/forgot/forgotten/missed/is+it+ok/okay+to/instead/morning+meds'] }),
  rule('self-harm', 'clean ~10 back ~2 to ~1 0/zero/day+one/day+1'),
  rule('self-harm', 'lot/lots/loads ~2 of ~1 blood ~8 lightheaded/light+headed/dizzy/faint/woozy/wont+stop/not+stopping', { unless: ['period/nosebleed/nose/donated/donating/blood+test/giving+blood'] }),
  rule('suicidal thoughts', 'not ~1 want ~1 help ~4 want ~1 permission'),
  rule('suicidal thoughts', 'worth ~2 more ~5 dead'),
  rule('suicidal thoughts', 'call ~1 it ~1 a ~1 day ~2 permanently/for+good/forever/for+ever'),
  rule('suicidal thoughts', 'shame/pity/wish ~4 not ~1 finish/finished ~2 the? ~1 job', { negatable: false }),
  rule('suicidal thoughts', 'just ~1 want ~1 it ~1 all? ~1 over #', { unless: ['week/exam/exams/day/shift/meeting/surgery/trial/move/wedding/drama'] }),
  rule('suicidal thoughts', 'no ~1 point ~1 anymore/any+more #'),
  rule('plan mentioned', 'DRUG/tabs ~6 stop ~2 a/my ~1 heart'),
  rule('self-harm', 'relapsed/relapse ~10 cuts/cut/cutting/burns/burned/sh'),
  rule('farewell', 'last ~1 bits/things/loose+ends ~2 done/sorted/tied'),
  rule('farewell', 'so ~1 long # ~6 you ~1 were/have+been', { wholeMessage: true }),
  rule('farewell', 'that ~1 was ~1 goodbye/my+goodbye/the+goodbye'),
  rule('farewell', 'be ~1 somewhere ~1 better #', { unless: ['job/move/moving/flat/house/holiday/trip/school/team/company'] }),
  rule('suicidal thoughts', 'why ~1 stick/stay/hang ~1 around'),
  rule('plan mentioned', 'set/picked/chose/chosen ~1 my ~1 date'),
  rule('plan mentioned', 'parked/sitting/waiting/standing ~3 near/by/at/on ~2 the ~1 bridge/cliff/edge/tracks/river/dam/quarry ~8 until/for ~3 dark'),
  rule('self-harm', 'broke/smashed/broken ~3 glass/mirror/bottle/razor ~4 so ~1 i ~1 could ~1 use'),
  rule('farewell', 'giving/gave/given ~1 away ~10 told ~2 people/them/everyone/everybody ~3 i ~1 am'),
  rule('farewell', 'goodnight/night/bye ~4 mean ~1 for ~1 good/forever/for+ever'),
  rule('farewell', 'cancelled/canceled/cancelling ~3 appointments/plans/subscriptions/everything ~8 no ~1 point'),
  rule('farewell', 'passwords ~10 for ~2 my ~1 sister/brother/mum/dad/son/daughter/wife/husband/partner'),
  rule('danger from another person', 'my ~1 carer/caregiver/aide ~6 pinches/pinched/hits/hit/slaps/grabs/pushes/hurts/shoves ~1 me'),
  rule('danger from another person', 'home ~8 know ~1 what ~1 is ~1 coming', { wholeMessage: true, unless: ['present/surprise/party/birthday/christmas/pizza/dinner+is+coming'] }),
  rule('plan mentioned', 'took/taken/swallowed ~1 something ~2 a ~1 lot ~1 of ~1 it'),
  rule('plan mentioned', 'ordered/bought/buying ~6 can/could/would/will ~1 kill ~1 you/me/a+person/someone', { unless: ['weeds/weed/slugs/rats/mice/pests/bugs/ants/wasps/moss'] }),
  rule('self-harm', 'arms/legs/thighs/skin/stomach ~3 covered ~8 running ~1 out ~1 of ~1 places/space/room', { wholeMessage: true }),
  rule('self-harm', 'went/cut/go/gone ~1 deeper ~3 than ~2 meant/planned/intended/wanted'),
  rule('farewell', 'PET ~6 good ~1 home ~1 after #'),
  rule('danger from another person', 'frightened/scared/afraid/terrified ~2 of ~1 what ~1 she/he/they ~2 will/would/might ~1 do'),
  rule('danger from another person', 'locked ~1 me ~2 in ~2 my? ~1 room/house/flat/cupboard/shed ~6 days/food/hours/since'),
  rule('farewell', 'everything/everythings ~2 is? ~1 arranged/sorted/in+order ~16 letters/will/cat/dog/saturday/sunday/tonight/tomorrow', { wholeMessage: true, unless: ['wedding/party/trip/holiday/move/moving/funeral+for/christmas/birthday'] }),
  // A plan with its time, or waiting at the means.
  rule('plan mentioned', 'my ~1 plan ~1 is ~3 tonight/tomorrow/friday/saturday/sunday/monday/tuesday/wednesday/thursday/next+week/this+weekend', { unless: ['trip/holiday/party/dinner/date/study/revision/work/move/moving/gym/diet/wedding+plan/birthday ~6 plan', 'plan ~1 is ~6 to ~1 go/get/meet/study/finish/start/visit/see/ask/tell/call/cook/watch/drive/move'] }),
  rule('plan mentioned', 'sitting/standing/waiting ~3 near/by/on/at ~2 the ~1 tracks/railway/level+crossing/edge ~4 waiting/for+the+train/#'),
  rule('plan mentioned', 'got/took/have/found ~2 the? ~1 POISON ~4 from/in/under', { unless: ['food ~1 poisoning', 'poisoning'] }),
];
