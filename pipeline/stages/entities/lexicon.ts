/**
 * Word lists the entities stage uses to find and type names that are in no gazetteer. General English
 * and name knowledge only; nothing here is specific to one source or benchmark page.
 */

import { createRequire } from "node:module"

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter((w) => w.length > 0))

/** Titles and honorifics (lower-case, dots removed). A run of these before a name is kept in the surface, not the name. */
export const TITLE_WORDS = words(`
mr mrs ms miss mx dr prof professor sir dame lord lady madam madame monsieur herr
president vice premier chancellor prime minister ministers deputy first foreign defence defense interior
finance economy justice home shadow secretary general attorney state undersecretary under
ambassador envoy consul spokesman spokeswoman spokesperson press aide adviser advisor chief executive
ceo chairman chairwoman chair director head leader commander commander-in-chief
gen general col colonel lt lieutenant maj major capt captain sgt sergeant cpl corporal pvt private adm admiral marshal brigadier
sen senator rep representative congressman congresswoman governor gov mayor councillor councilman alderman
king queen prince princess emir amir sheikh shaykh sultan tsar czar shah
pope patriarch cardinal archbishop bishop rev reverend father imam mullah mufti ayatollah rabbi ustad
judge justice prosecutor inspector detective officer constable coach
mp mep speaker
`)

/** Titles that mark the following name as a person (a subset of TITLE_WORDS that cannot start an organisation). */
export const PERSON_TITLES = words(`
mr mrs ms miss mx dr prof professor sir dame lord lady madam madame monsieur herr
president premier chancellor minister secretary ambassador envoy spokesman spokeswoman spokesperson aide adviser advisor
gen general col colonel lt lieutenant maj capt captain sgt sergeant cpl adm admiral marshal brigadier
sen senator rep congressman congresswoman governor gov mayor
king queen prince princess emir amir sheikh shaykh sultan tsar czar shah
pope patriarch cardinal archbishop bishop rev reverend father imam mullah mufti ayatollah rabbi
judge prosecutor inspector detective coach chairman chairwoman director commander mp speaker leader
`)

/** Head nouns of organisations (lower-case). */
export const ORG_WORDS = words(`
institute institution ministry ministries organization organisation organizations party agency agencies council bank banks
university college school academy committee commission company corporation corp inc ltd llc plc co gmbh
group association union federation front movement army navy police service services department departments office
court parliament assembly congress senate duma church foundation fund society news times post herald journal
magazine weekly daily gazette tribune telegraph chronicle press radio tv television network networks broadcasting channel
airlines airways club league board authority bureau laboratory laboratories trust alliance coalition brigade brigades battalion
regiment guard guards corps government administration cabinet commission secretariat directorate inspectorate
observatory centre center forum caucus team fc ngo brotherhood jamaat taliban mujahideen
ministry's force forces command unit mission brigade council's foundation's bank's holdings industries technologies
motors media studios records publishing publishers entertainment pharmaceuticals energy oil gas petroleum telecom
org democrats republicans socialists liberals conservatives greens communists nationalists
consulate embassy orchestra choir band legion firm enterprises partners
universidad universidade université universita università universität universitat instituto institut istituto
ministerio ministère ministero museo musée banco banque compagnie compañía empresa partido parti
министерство служба комитет комиссия партия союз фонд суд институт университет училище академия консерватория колледж
лицей гимназия школа театр канал телеканал радиостанция агентство федерация организация компания корпорация концерн
холдинг банк газета журнал издательство телевидение радио движение фронт армия полиция милиция совет дума палата
собрание правительство администрация управление департамент центр секретариат общество ассоциация объединение
группа бюро инспекция прокуратура музей библиотека больница госпиталь завод фабрика комбинат верфь судоверфь клуб
команда лига сборная оркестр хор ансамбль церковь епархия патриархия мечеть конгресс сенат парламент кабинет
министерства правление дирекция штаб ведомство трибунал коллегия сила силы
`)

/**
 * Head nouns of events, works, laws and theories: a name ending in one ("Olympic Games", "Civil War", "Nobel Prize",
 * "Balfour Declaration", "Game Theory") is no person, organisation or place, so no mention of the stage.
 */
export const NON_ENTITY_HEADS = words(`
war wars revolution uprising rebellion battle siege massacre crisis games olympics championship championships cup
tournament festival fair expo conference summit award awards prize medal proclamation declaration treaty accord
accords agreement act bill constitution doctrine theory theorem law principle effect syndrome disease index
protocol convention plan program programme project initiative strategy policy report survey study era age period
`)

/** Head nouns of places (lower-case). */
export const PLACE_WORDS = words(`
city town village province region oblast krai raion district county state states republic kingdom emirate
island islands isles peninsula mountain mountains mount mt range valley river lake sea ocean gulf bay strait straits
desert plateau heights basin delta canal
street st avenue ave road rd square boulevard blvd highway freeway turnpike expressway lane bridge airport airbase port
harbour harbor station terminal pier wharf quay
hall tower towers palace castle fort fortress mosque park gardens garden stadium arena field cathedral temple shrine monument
memorial museum library hospital camp prison hotel plaza centre center base cave caves
coast shore beach bay cove creek brook springs falls canyon gorge pass glacier reef lagoon marsh swamp forest woods
hill hills ridge peak peaks plain plains dunes trail quarter borough parish county township neighbourhood neighborhood
municipality voivodeship voivodship prefecture governorate canton commune arrondissement emirate sultanate terre
`)

/** Words that join capitalised words inside one name ("Institute for Political Research", "Osama bin Laden"). */
export const CONNECTORS = words(`of for the de del della di da du des la le van von der den bin ibn al el ul ud`)
/** Connectors inside people's names: they always join ("Osama bin Laden", "Ludwig van Beethoven"); "of", "for", "the" only join after a head noun. */
export const NAME_PARTICLES = words(`de del della di da du des la le van von der den bin ibn al el ul ud`)
/** Words that never start a name ("The Kremlin" is "Kremlin"). */
export const FUNCTION_WORDS = words(`the a an this that these those his her its their our my your`)

/** Prepositions before a place ("in Kunduz", "from Herat"). */
export const PLACE_PREPOSITIONS = words(`in at from to near outside inside into across around towards toward via through`)

export const MONTHS_AND_DAYS = words(`
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
`)

/** Adjectives of nationality or religion: capitalised but not a name on their own (completed below from data). */
const HAND_DEMONYMS = words(`
afghan afghani american british english scottish welsh irish russian tajik tajikistani uzbek kazakh kyrgyz kirghiz turkmen
belarusian ukrainian georgian armenian azerbaijani azeri chinese japanese korean indian pakistani iranian persian iraqi syrian
turkish arab arabic saudi egyptian israeli palestinian lebanese jordanian yemeni libyan european african asian
french german italian spanish portuguese dutch belgian swiss austrian polish czech slovak hungarian romanian bulgarian
serbian croatian greek swedish norwegian danish finnish estonian latvian lithuanian canadian mexican brazilian
argentinian australian zealander soviet western eastern northern southern central islamic muslim christian jewish
sunni shia shiite orthodox catholic protestant pashtun pushtun hazara uighur uyghur chechen dagestani tatar kurdish
baltic caucasian slavic latin nordic gabonese estonian eurasian islamist jihadist bangladeshi rohingya somali nigerian kenyan ethiopian
malaysian indonesian thai vietnamese filipino burmese nepali sri lankan mongolian tibetan
`)

/** "Afghans", "Tajiks", "Islamists": a people or a group named by the plural of its adjective is no named entity either. */
const plural = (w: string): string | undefined => (/(s|sh|ch|ese|ish)$/.test(w) ? undefined : w + "s")

/**
 * The English nationality adjectives of every ISO 3166-1 country, from the i18n-nationality package (MIT), without
 * the entries that are a country's own name ("Bermuda", "Turkmenistan"): those stay places.
 */
const nationalityAdjectives = (): Array<string> => {
  const require = createRequire(import.meta.url)
  const nationalities = (require("i18n-nationality/langs/en.json") as { nationalities: Record<string, string | ReadonlyArray<string>> }).nationalities
  const countries = (require("i18n-iso-countries/langs/en.json") as { countries: Record<string, string | ReadonlyArray<string>> }).countries
  const countryNames = new Set(Object.values(countries).flatMap((v) => (typeof v === "string" ? [v] : [...v])).map((n) => n.toLowerCase()))
  return Object.values(nationalities)
    .flatMap((v) => (typeof v === "string" ? [v] : [...v]))
    .filter((w) => !w.includes(" ") && !countryNames.has(w.toLowerCase()))
    .map((w) => w.toLowerCase())
}

/** the hand list and every country's nationality adjective, with their plurals */
export const DEMONYMS: ReadonlySet<string> = (() => {
  const all = new Set([...HAND_DEMONYMS, ...nationalityAdjectives()])
  for (const w of [...all]) {
    const p = plural(w)
    if (p !== undefined) all.add(p)
  }
  return all
})()

/**
 * Common English words: when one of these starts a sentence, or a run consists only of them, it is not a
 * name on the strength of its capital letter alone.
 */
export const COMMON_WORDS = words(`
a an the this that these those there here it its it's he she they we you i me him her them us our your their his my mine
and or but nor so yet if then than when while where whereas why how what which who whom whose whether because since
although though unless until as at by for from in into of off on onto out over per to under up upon with within without
about above across after against along amid among around before behind below beneath beside besides between beyond
despite during except inside like near outside past through throughout toward towards via
all any both each either every few many more most much neither no none not only other own same several some such
also again already always ever even just never now often once perhaps quite rather really still too very well yes
is are was were be been being am do does did done has have had having can could may might must shall should will would
one two three four five six seven eight nine ten hundred thousand million billion first second third last next new old
today tomorrow yesterday tonight morning evening night week month year day time
according add adds added after ahead meanwhile moreover however therefore thus hence instead otherwise furthermore
indeed nevertheless nonetheless still anyway overall accordingly additionally similarly finally earlier later
report reports reported says said say tells told asked asks warns warned claims claimed calls called
breaking news latest update updates live watch read share comment comments reply post posts like likes received
home page menu search login log sign register subscribe follow contact about privacy terms policy cookies
image photo video picture source sources credit copyright all rights reserved related more top back next previous
military security government official officials forces troops police army war peace border region country countries
state states nation world international national regional local global public political economic social foreign
committee council minister ministry president leader leaders people group groups members member team report
discussion forum thread topic message messages user users guest guests admin administrator moderator
special general senior junior chief deputy acting former current future
north south east west northern southern eastern western central upper lower greater
big small great good bad best worst high low long short major minor key main
breaking exclusive analysis opinion editorial feature interview exclusive
boost build troop troops presence commits return exercises resist penetrations announces force launch
est gmt utc msk pst edt cet bst islam islamism christianity judaism buddhism hinduism jihad staff image images
mr mrs ms dr internet web online email tv pc ok am pm ceo inc ltd llc corp co plc
get book size opens health cloud learn view shop buy sale free help support services products solutions pricing features
events careers resources company blog cart checkout close open prev skip toggle navigation filter sort download print
`)

/** Acronyms of common things, not of organisations: never a name on their own. */
export const COMMON_ACRONYMS = words(`
ai ml hr seo pto mba ngo roi ga faq sql ceo cfo cto coo it tv pc usb pdf html css api url gps gdp vip diy ok am pm hiv aids covid
dna rna phd ba bsc msc mp3 mp4 jpg png gif iot vr ar ux ui saas b2b b2c kpi crm erp qa id pin atm sms ip vpn os ios
cv rsvp asap fyi lol omg diy tba tbd eta est gmt utc pst edt cet bst am fm ppc cpc ctr cms rss
`)

/** Common given names (lower-case, ASCII-folded), for typing discovered names as people. */
export const GIVEN_NAMES = words(`
aaron abdul abdullah abdulla abdurrahman adam adrian ahmad ahmed akhmed ahmet aidan akbar alan albert alejandro alex alexander
aleksandr alexandr alexei alexey aleksei aleksey ali alice alicia alireza alisher almazbek amanda amy ana anatoly anatoli andrei
andrey andrew andy angela angelina ann anna anne anthony anton antonio anvar arkady arkadi arthur ashraf askar asif aslan
atambek azamat aziz babur barack barbara baurzhan ben benjamin bernard betty bill billy bob boris brian bruce carl carlos
carol caroline catherine charles charlie chris christian christine christopher claire daniel daniyar danny david dean
deborah denis dennis diana dmitry dmitri dmitriy donald donna dorothy douglas dzhamshed edward eddie elena elizabeth ellen
emily emma emomali imomali eric erik ernest eugene evgeny evgeni yevgeny farhad farid fatima felix fernando frank fred
frederick gary gennady gennadi george georgy gerald gleb gordon grace gregory gulbuddin hamid hamdullah harold harry hassan
hasan helen henry hillary hossein howard hugh husain hussein ian igor ilya imran irina isaac islam ismail ivan jack
jacob james jamshid jane janet jason jean jeffrey jennifer jeremy jerry jessica jim jimmy joan joe john johnny jonathan
joseph joshua juan julia julie justin karen karim kate katherine kathleen keith kelly kenneth kevin khaled khalid kim
kirill konstantin kurmanbek larry laura lawrence leonid linda lisa louis lucy ludmila lyudmila luke mahmoud mahmud
margaret maria mariya marie mark martin mary matthew maxim maksim michael mikhail mike mohamed mohammad mohammed muhammad
mohammad muhammadjon mullah nancy nasir natalia natalya nathan nicholas nick nikita nikolai nikolay nursultan oleg olga
omar osama pamela patricia patrick paul peter philip pierre rachel rahim rakhim ralph ramzan randy raymond rebecca richard
robert roger roman ronald rose rustam ruslan ruth ryan saddam said sam samuel sandra sara sarah scott sean sergey sergei
serge sergio shavkat sharon shirin shirley simon sooronbay stanislav stan stephen steven steve susan svetlana tatiana
tatyana terry thomas tim timothy timur tom tony ulugbek valentina valery valeri vasily vasili victor viktor vincent
virginia vitaly vladimir vladislav vyacheslav walter wayne william yuri yury yusuf zalmay zbigniew zhanna
abu ahmad ayman recep xi hu li wang zhang kofi ban antonio angela emmanuel francois jacques nicolas olaf boris theresa
gordon tony margaret rishi suella yvette keir liz dean mark elizabeth priscilla ann andrew alice starry holden junius
najib joko narendra shinzo nawaz benazir pervez imran hamid ashraf abdul rashid islom shavkat saparmurat gurbanguly
serdar nursultan kassym kasym-jomart askar almazbek sadyr kurmanbek roza sooronbay alexander mikheil eduard heydar ilham
ramzan dzhokhar akhmad sadr muqtada bashar hafez moammar muammar hosni mohamed anwar yasser mahmoud benjamin ehud ariel
`)

/** First names (the stdlib lists, shared with the clean stage's bylines): isGivenName (typing.ts) keeps out the common ones. */
export { FIRST_NAMES } from "../given-names.js"

/** Nouns that class the name after them ("the localist group Brightlation", "the physicist Lise Meitner"). */
export const ORG_CLASS_NOUNS = words(`group company firm party band team label publisher developer studio website network agency organisation organization charity startup retailer airline carrier brand newspaper magazine
corporation manufacturer maker chain platform broadcaster university college institute institution association society
foundation church religion sect movement union club league ministry department`)
export const PERSON_CLASS_NOUNS = words(`writer author actor actress artist poet philosopher painter singer composer scientist physicist chemist biologist economist historian journalist novelist musician photographer activist lawyer playwright sculptor mathematician explorer emperor pharaoh
man woman boy girl son daughter wife husband brother sister rapper conductor producer politician founder inventor engineer
architect designer player athlete footballer teacher student priest monk saint god goddess deity`)
/** Nouns that class a name as a place when they head its apposition or predicate ("Tarvik, a suburb of ..."); besides the place head nouns. */
export const PLACE_CLASS_NOUNS = words(`area suburb settlement archipelago locality country nation capital`)
/**
 * What a possessive owner is, by what it owns ("the physicist's theory", "the firm's shareholders", "the town's mayor"):
 * nouns of what people think, make and are related to; of what organisations have and sell; of what places hold.
 */
export const PERSON_POSSESSIONS = words(`theory theories view views concept concepts thoughts writings letters book books
novel novels poem poems painting paintings career life death birth childhood youth wife husband son sons daughter
daughters father mother brother sister parents equation equations hypothesis arguments`)
export const ORG_POSSESSIONS = words(`shares stock shareholders employees staff ceo chairman headquarters customers clients
products services revenue revenues profit profits subsidiary subsidiaries website brand stores hotels capitalization
spokesman spokeswoman spokesperson board members membership founder founders platform app`)
export const PLACE_POSSESSIONS = words(`population residents inhabitants citizens mayor economy streets downtown suburbs
neighborhoods neighbourhoods climate coast coastline borders border capital countryside outskirts skyline`)
/** "a member of X", "the staff of X": nouns whose "of" names an organisation. */
export const MEMBERSHIP_NOUNS = words(`member members membership employee employees staff headquarters shareholders`)


/**
 * Russian nouns (lemmas) that class the name after them: "газета «Ведомости»", "компания Яндекс", "певица Мадонна",
 * "город Тула". Read from the text before the name (discover.ts), since lower-case words are not all kept as tokens.
 */
export const RU_CLASS_NOUNS: ReadonlyMap<string, "organization" | "person" | "place"> = new Map([
  ...[...words(`компания газета издание журнал группа телеканал канал агентство банк партия движение организация фонд холдинг
    концерн клуб команда издательство портал радиостанция театр фирма корпорация ассоциация союз объединение сеть соцсеть
    завод комбинат студия лейбл коллектив ансамбль производитель оператор ритейлер сервис мессенджер университет институт`)].map((w) => [w, "organization"] as const),
  ...[...words(`певец певица актёр актриса режиссёр писатель писательница поэт поэтесса художник композитор рэпер журналист
    журналистка политик футболист боксёр спортсмен спортсменка теннисист теннисистка тренер учёный физик философ историк
    бизнесмен предприниматель блогер музыкант гитарист вокалист солист продюсер модель дизайнер`)].map((w) => [w, "person"] as const),
  ...[...words(`город село деревня посёлок район область провинция штат регион остров река озеро улица площадь проспект
    станция аэропорт столица округ республика край`)].map((w) => [w, "place"] as const)
])

/** Verbs of saying: a personal-looking name before or after one is a person ("Anna Berg said", "said Anna Berg"). */
export const SPEECH_VERBS = words(`said says told tells added asked answered replied explained wrote writes recalled argued insisted noted stated`)

/** Verbs that follow a name at the start of a sentence ("Mattel has", "Ontario was"). */
export const SUBJECT_VERBS = words(`has have had was is are were said says will would announced reported told added`)
/** Compass words and "new" before a place name another place ("South Australia", "New Ostra"). */
export const PLACE_PREFIX_WORDS = words(`north south east west new`)
/** Compass and position words: with one of them a multi-word name is a place ("Kowloon West", "East Timor"). */
export const COMPASS = words(`north south east west northern southern eastern western central upper lower`)
/** Courtesy titles: after one, any capitalised word is a person's name. */
export const COURTESY = words(`mr mrs ms miss mx dr prof professor sir dame lord lady`)
/** Words that start place names ("New South Wales", "Upper Volta"): kept at a sentence start when a name follows. */
export const NAME_PREFIXES = words(`new north south east west upper lower great saint st san santa los las port fort mount lake cape old county river isle
anse baie pointe morne isla islas playa cerro lago monte mont puerto porto rio bahia ile cap
сан санкт санта лос лас нью порт форт`)
