/**
 * How people write in a chat at night, spelled out for the crisis rules: contractions with and
 * without apostrophes, txt-speak, current slang for suicide, and the misspellings of key words
 * that one edit does not mend (those are mended by near-miss, FUZZY_TARGETS).
 */
export const CONTRACTIONS = new Map<string, string>(
  Object.entries({
    im: 'i am', "i'm": 'i am', ima: 'i am going to', imma: 'i am going to', "i'ma": 'i am going to',
    theyll: 'they will', youll: 'you will', itll: 'it will', thatll: 'that will', wholl: 'who will', dissapointed: 'disappointed', disapointed: 'disappointed', dissappointed: 'disappointed', 'w/o': 'without', wnat: 'want', wnt: 'want', watn: 'want', agian: 'again', agin: 'again', cutt: 'cut', cutted: 'cut', somthing: 'something', somethin: 'something', gona: 'going to', hed: 'he would', msg: 'message', msgs: 'messages', its: 'it is', id: 'i would', theyd: 'they would', youd: 'you would', itd: 'it would', thatd: 'that would', ive: 'i have', "i've": 'i have', "i'd": 'i would', "i'll": 'i will',
    dont: 'do not', doesnt: 'does not', didnt: 'did not', cant: 'can not', cannot: 'can not', wont: 'will not',
    wouldnt: 'would not', shouldnt: 'should not', couldnt: 'could not', isnt: 'is not', aint: 'am not',
    wasnt: 'was not', werent: 'were not', havent: 'have not', hasnt: 'has not', hadnt: 'had not', arent: 'are not',
    youre: 'you are', theyre: 'they are', hes: 'he is', shes: 'she is', thats: 'that is', theres: 'there is', whats: 'what is',
    gonna: 'going to', gna: 'going to', finna: 'going to', wanna: 'want to', wana: 'want to', wanted: 'wanted',
    gotta: 'got to', tryna: 'trying to', bouta: 'about to', boutta: 'about to', outta: 'out of', lemme: 'let me',
    u: 'you', ur: 'your', r: 'are', n: 'and', b: 'be', c: 'see', y: 'why', ppl: 'people', abt: 'about',
    cuz: 'because', coz: 'because', cos: 'because', bc: 'because', bcuz: 'because', bcoz: 'because',
    rn: 'right now', atm: 'right now', tn: 'tonight', tonite: 'tonight', nite: 'night', '2nite': 'tonight', '2night': 'tonight', tnight: 'tonight',
    tmrw: 'tomorrow', tmr: 'tomorrow', tmrow: 'tomorrow', '2moro': 'tomorrow', '2morrow': 'tomorrow', tomoz: 'tomorrow',
    every1: 'everyone', some1: 'someone', no1: 'no one', noone: 'no one', any1: 'anyone', nobdy: 'nobody',
    sth: 'something', smth: 'something', smthn: 'something', bf: 'boyfriend', gf: 'girlfriend', bro: 'brother', sis: 'sister',
    anymore: 'anymore', nomore: 'no more', w: 'with', wo: 'without', pls: 'please', plz: 'please', idk: 'i do not know',
    idc: 'i do not care', rly: 'really', srsly: 'seriously', tho: 'though', thru: 'through', 4: 'for', b4: 'before',
    mum: 'mum', mom: 'mum', mam: 'mum', mummy: 'mum', mommy: 'mum', dad: 'dad', daddy: 'dad',
  }),
);

/** Slang and spellings that one edit does not mend, and words that mean the same to the rules. */
export const SPELLINGS = new Map<string, string>(
  Object.entries({
    kms: 'kill myself', kmsself: 'kill myself', killmyself: 'kill myself', kil: 'kill', kll: 'kill', kilm: 'kill',
    unalive: 'unalive', unalived: 'unalive', unaliving: 'unalive', unalives: 'unalive', '1nalive': 'unalive',
    sewerslide: 'suicide', sewerslided: 'suicide', sewer: 'sewer', suey: 'suicide', sui: 'suicide', suicde: 'suicide',
    sucide: 'suicide', suiside: 'suicide', suicidee: 'suicide', suicied: 'suicide', soocide: 'suicide', suecide: 'suicide',
    ctb: 'suicide', su1c1de: 'suicide', sucidal: 'suicidal', suisidal: 'suicidal', suicdal: 'suicidal',
    od: 'overdose', oded: 'overdose', odd: 'odd', odin: 'odin', overdoes: 'overdose', overdoze: 'overdose', overdosin: 'overdose',
    meself: 'myself', mysef: 'myself', myslef: 'myself', mysel: 'myself', mself: 'myself', myselff: 'myself', muself: 'myself',
    ded: 'dead', dieing: 'die', dyin: 'die', dyingg: 'die', ddie: 'die', diee: 'die', killin: 'killing', cuttin: 'cutting',
    livin: 'living', goin: 'going', nothin: 'nothing', somethin: 'something', gone: 'gone', alivee: 'alive',
    pils: 'pills', pilz: 'pills', pillz: 'pills', tabs: 'tablets', meds: 'meds', medz: 'meds', paracetemol: 'paracetamol',
    parecetamol: 'paracetamol', paracetomol: 'paracetamol', tylenols: 'tylenol', ibuprofin: 'ibuprofen', ibuprophen: 'ibuprofen',
    goodbye: 'goodbye', goodby: 'goodbye', gbye: 'goodbye', byebye: 'goodbye', farewell: 'goodbye',
    noose: 'noose', nooses: 'noose', selfharm: 'self harm', selfharming: 'self harming', sh: 'sh',
    anymoree: 'anymore', anymor: 'anymore', nemore: 'anymore', enymore: 'anymore',
    wrists: 'wrist', wirst: 'wrist', wirsts: 'wrist', throat: 'throat', tracks: 'tracks', traintracks: 'train tracks',
    carpark: 'car park', rooftop: 'roof', rooftops: 'roof', multistorey: 'car park', existing: 'existing',
    tomorow: 'tomorrow', tonigh: 'tonight', tonihgt: 'tonight', tonght: 'tonight', cuting: 'cutting', cuted: 'cut',
    burden: 'burden', burdon: 'burden', everyones: 'everyone is', everybodys: 'everybody is', nobodys: 'nobody is',
    stepdad: 'stepdad', stepmum: 'stepmum', stepmom: 'stepmum', step: 'step', sumthing: 'something', alot: 'a lot',
  }),
);

/** "thinkin abt jumpin": the -ing words the rules read, with their g dropped, as typed at night. */
for (const word of ['thinking', 'jumping', 'ending', 'cutting', 'killing', 'dying', 'going', 'trying', 'wanting', 'feeling', 'hurting', 'taking', 'planning', 'leaving', 'saying', 'sitting', 'standing', 'walking', 'driving', 'overdosing', 'hanging', 'bleeding', 'burning', 'living', 'breathing', 'nothing', 'something', 'everything', 'getting', 'doing', 'drowning', 'shooting', 'stabbing', 'crying', 'screaming', 'hitting', 'following', 'stalking', 'hiding', 'waiting', 'giving', 'writing', 'carrying', 'holding', 'coming', 'starving', 'scratching', 'punching', 'choking']) {
  SPELLINGS.set(word.slice(0, -1), word);
}

/** Key words long enough to mend by one edit ("suicde", "myslef", "overdsoe"): few real neighbours. */
export const FUZZY_TARGETS = new Set([
  'suicide', 'suicidal', 'overdose', 'overdosed', 'overdosing', 'myself', 'paracetamol', 'ibuprofen', 'acetaminophen',
  'anymore', 'goodbye', 'unalive', 'medication', 'antidepressants', 'tablets', 'sleeping', 'threatening', 'strangle',
  'hanging', 'tonight', 'existing', 'disappeared', 'disappear', 'yourself', 'everyone', 'without', 'forever', 'nobody', 'lethal', 'dosage',
]);

/** Number words, so "took twenty" counts like "took 20". */
export const NUMBER_WORDS = new Map<string, number>(
  Object.entries({
    two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
    thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
    thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12, dozens: 24,
    hundreds: 200, couple: 2,
  }),
);
