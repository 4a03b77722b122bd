/**
 * Entities across languages and scripts: Russian case endings, one entity for a name in Cyrillic and in Latin
 * letters, ids that are never empty and never shared by different names, countries and demonyms from data.
 * Every sentence here was written for these tests.
 */
import { describe, it, expect } from "vitest"
import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { loadEntityDataSync } from "../../pipeline/entity-data.js"
import { makeEntityFinder, provisionalId, romanise, type EntitiesResult } from "../../pipeline/stages/entities/index.js"
import { entityReport, formatEntityReport } from "../../pipeline/stages/entities/report.js"

const root = join(import.meta.dirname, "..", "..")
const data = loadEntityDataSync(join(root, "data/gazetteer.yaml"))
const find = makeEntityFinder(data.gazetteer, data)
const ru = (body: string) => find({ body, authors: [], language: "ru" })
const en = (body: string) => find({ body, authors: [], language: "en" })
const idOf = (r: EntitiesResult, surface: string) => r.mentions.find((m) => m.surface === surface)?.entity_id
const entityOf = (r: EntitiesResult, surface: string) => r.entities.find((e) => e.entity_id === idOf(r, surface))

const RUSSIAN_TEXT = [
  "Президент России Владимир Путин провёл переговоры с Эмомали Рахмоном в Душанбе.",
  "Министр иностранных дел Сергей Лавров заявил, что ОДКБ укрепит южную границу, за которой правит Талибан.",
  "Вечером Путин и Рахмон обсудили угрозу со стороны Талибана, а Лавров встретился с генсеком ОДКБ в Душанбе."
].join("\n")

describe("one entity across scripts", () => {
  const seeds = readdirSync(join(root, "raw"))
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => en(readFileSync(join(root, "raw", f), "utf8")))
  const seedIds = (pattern: RegExp) => new Set(seeds.flatMap((r) => r.mentions.filter((m) => pattern.test(m.surface)).map((m) => m.entity_id)))

  it("a Russian text naming Путин, Лавров, Рахмон, Душанбе, ОДКБ and Талибан gives the ids the English seeds give", () => {
    const r = ru(RUSSIAN_TEXT)
    const pairs: ReadonlyArray<[ReadonlyArray<string>, RegExp]> = [
      [["Владимир Путин", "Путин"], /(^|\s)Putin$/],
      [["Сергей Лавров", "Лавров"], /(^|\s)Lavrov$/],
      [["Эмомали Рахмоном", "Рахмон"], /(^|\s)Ra(k)?hmon$/],
      [["Душанбе"], /^Dushanbe$/],
      [["ОДКБ"], /^CSTO$/],
      [["Талибан", "Талибана"], /^Taliban$/]
    ]
    for (const [surfaces, english] of pairs) {
      const expected = seedIds(english)
      expect(expected.size, `the seeds name ${english} as one entity`).toBe(1)
      for (const s of surfaces) expect(new Set([idOf(r, s)]), s).toEqual(expected)
    }
  })

  it("links a name in no gazetteer by its transliteration key: Cyrillic in any case and Latin letters share an id", () => {
    const a = ru("На конференции выступил Игорь Стрельников, а потом слово дали Игорю Стрельникову.")
    const b = en("The panel heard Igor Strelnikov on Tuesday.")
    expect(idOf(a, "Игорь Стрельников")).toBe("x-igor-strelnikov")
    expect(idOf(a, "Игорю Стрельникову")).toBe("x-igor-strelnikov")
    expect(idOf(b, "Igor Strelnikov")).toBe("x-igor-strelnikov")
    expect(entityOf(a, "Игорю Стрельникову")?.type).toBe("person")
  })

  it("links initials and a first name alone to the person of the document they agree with, and to no other", () => {
    const r = ru("Вчера Тарас Белкин приехал. Позже Т.Белкин и Р.Белкин выступили, а Тараса встретили. Виктор Путин и Р.Путин молчали.")
    expect(idOf(r, "Т.Белкин")).toBe(idOf(r, "Тарас Белкин"))
    expect(idOf(r, "Тараса")).toBe(idOf(r, "Тарас Белкин"))
    expect(idOf(r, "Р.Белкин")).not.toBe(idOf(r, "Тарас Белкин"))
    expect(idOf(r, "Виктор Путин")).not.toBe("vladimir-putin")
    expect(idOf(r, "Р.Путин")).not.toBe("vladimir-putin")
  })

  it("keeps the given-name rule: the same surname with another given name is another person", () => {
    const r = ru("На встрече был Олег Лавров, однофамилец министра.")
    expect(idOf(r, "Олег Лавров")).not.toBe("sergey-lavrov")
  })
})

describe("Russian case endings", () => {
  it("folds every case of a surname to its nominative, in the name and the id", () => {
    const r = ru("Журналисты спросили Обаму о выборах. Потом об Обаме писали газеты, а с Обамой спорили сенаторы. Книга Обамы вышла весной.")
    const ids = new Set(["Обаму", "Обаме", "Обамой", "Обамы"].map((s) => idOf(r, s)))
    expect(ids.size).toBe(1)
    expect(entityOf(r, "Обамой")?.name).toBe("Обама")
    expect(entityOf(r, "Обамой")?.type).toBe("person")
  })

  it("folds a place in the locative and a full name in the genitive", () => {
    const r = ru("Совещание прошло в Вашингтоне. Речь Джорджа Ханникотта длилась час. Потом выступил Джордж Ханникотт.")
    expect(idOf(r, "Вашингтоне")).toBe("washington-dc")
    expect(entityOf(r, "Джорджа Ханникотта")?.name).toBe("Джордж Ханникотт")
    expect(idOf(r, "Джорджа Ханникотта")).toBe(idOf(r, "Джордж Ханникотт"))
  })

  it("makes adjectives of a name agree with its head in the nominative", () => {
    const r = ru("Сотрудники Северной Торговой Палаты отказались от комментариев.")
    expect(entityOf(r, "Северной Торговой Палаты")?.name).toBe("Северная Торговая Палата")
  })

  it("reads an organisation's name that goes on in lower case, and puts only its head in the nominative", () => {
    const r = ru("Сотрудники Министерства водных ресурсов Вахрии приехали. Затем Следственный комитет начал проверку.")
    expect(entityOf(r, "Министерства водных ресурсов Вахрии")?.name).toBe("Министерство водных ресурсов Вахрии")
    expect(entityOf(r, "Министерства водных ресурсов Вахрии")?.type).toBe("organization")
    expect(entityOf(r, "Следственный комитет")?.type).toBe("organization")
  })

  it("types a name by the class noun before it and a person by initials", () => {
    const r = ru("Об этом написала газета «Ведрона», а певица Ильмара Сот выступила. Позже Б.Карнов и А. С. Велихин уехали.")
    expect(entityOf(r, "Ведрона")?.type).toBe("organization")
    expect(entityOf(r, "Ильмара Сот")?.type).toBe("person")
    expect(entityOf(r, "Б.Карнов")?.type).toBe("person")
    expect(entityOf(r, "А. С. Велихин")?.type).toBe("person")
  })

  it("starts an organisation's name with its head noun at a sentence start, and ends it before a person's first name and surname", () => {
    const r = ru("Министерство водных ресурсов сообщило об этом. Глава Минздрава Мэтт Хэнкок приехал.")
    expect(entityOf(r, "Министерство водных ресурсов")?.type).toBe("organization")
    expect(entityOf(r, "Мэтт Хэнкок")?.type).toBe("person")
  })

  it("prefers a place preposition to the suffix model's guess that an unknown word is a surname", () => {
    const r = ru("Он прилетел в Сан-Тарелло, а потом в Марнел. В Марнеле его ждали, а в Интернете писали.")
    expect(entityOf(r, "Сан-Тарелло")?.type).toBe("place")
    expect(entityOf(r, "Марнеле")?.type).toBe("place")
    expect(idOf(r, "Интернете")).toBeUndefined()
  })

  it("does not take a capitalised common word at the start of a sentence for a name", () => {
    const r = ru("Президент приехал поздно. Семья ждала его у дома.")
    expect(r.mentions).toEqual([])
  })
})

describe("entity ids", () => {
  it("are never empty and tell apart names in Cyrillic, Greek, Arabic and CJK scripts", () => {
    const names = ["Иван Петров", "Пётр Иванов", "Γιώργος Παπαδόπουλος", "Νίκος Καζαντζάκης", "محمد علي", "عمر خيام", "习近平", "李明", "理明", "東京", "서울", "김민준"]
    const ids = names.map(provisionalId)
    for (const id of ids) expect(id).toMatch(/^x-[a-z0-9]+(-[a-z0-9]+)*$/)
    expect(new Set(ids).size).toBe(names.length)
  })

  it("give the same id to the same name written in another script or case", () => {
    expect(provisionalId("Лавров")).toBe(provisionalId("Lavrov"))
    expect(provisionalId("СЕРГЕЙ ЛАВРОВ")).toBe(provisionalId("Sergey Lavrov"))
    expect(romanise("Эмомали Рахмон")).toBe("Emomali Rakhmon")
  })

  it("never share an id between different generated names (property over many names in four scripts)", () => {
    // letters whose romanisation is one-to-one within each alphabet, so different names must get different ids
    const alphabets: ReadonlyArray<[string, ReadonlyArray<string>]> = [
      ["cyrillic", [..."абвгдзклмнопрстуф"]],
      ["greek", [..."αβγδκλμνπρστφ"]],
      ["arabic", [..."بتدرسفكلمن"]],
      ["han", [..."山川田中木林森石原井上下王李张刘陈杨黄赵"]]
    ]
    let seed = 12345
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n)
    for (const [script, letters] of alphabets) {
      const byId = new Map<string, string>()
      for (let k = 0; k < 3000; k++) {
        const len = 2 + random(5)
        let name = ""
        for (let i = 0; i < len; i++) name += letters[random(letters.length)]!
        if (script !== "han") name = name[0]!.toUpperCase() + name.slice(1)
        const id = provisionalId(name)
        expect(id.length).toBeGreaterThan(2)
        const other = byId.get(id)
        if (other !== undefined) expect(other, `${script}: ${name} and ${other} share ${id}`).toBe(name)
        byId.set(id, name)
      }
    }
  })
})

describe("places and demonyms from data", () => {
  it("finds a country no one listed, by its English and its Russian name", () => {
    expect(data.gazetteer.entities.some((e) => e.name === "Bhutan")).toBe(false)
    const a = en("The delegation flew on to Bhutan after the talks.")
    const b = ru("Делегация затем вылетела в Бутан.")
    expect(entityOf(a, "Bhutan")?.type).toBe("place")
    expect(entityOf(a, "Bhutan")?.provisional).toBe(false)
    expect(idOf(b, "Бутан")).toBe(idOf(a, "Bhutan"))
  })

  it("adds the Russian name of a country the gazetteer holds to that entity", () => {
    const r = ru("Переговоры с Непалом продолжатся.")
    expect(idOf(r, "Непалом")).toBe("nepal")
  })

  it("does not make people of demonyms or their plurals", () => {
    const r = en("Afghans and Tajiks crossed the river, and Bhutanese traders watched. Islamists were blamed.")
    expect(r.entities.filter((e) => e.type === "person")).toEqual([])
  })
})

describe("cities from GeoNames", () => {
  it("types a large city no one listed as a place and publishes its GeoNames id", () => {
    const r = en("Traders drove on to Ahvaz before the border closed.")
    const ahvaz = entityOf(r, "Ahvaz")
    expect(ahvaz?.type).toBe("place")
    expect(ahvaz?.geonames_id).toMatch(/^[1-9][0-9]*$/)
  })

  it("names a US city as it is usually titled, with its state unless it is a dateline city, and keeps it apart from what is named after it", () => {
    const r = en("Flights leave Topeka daily. Topeka Regional Airport is south of Topeka, while Pittsburgh is far.")
    expect(entityOf(r, "Topeka")?.name).toBe("Topeka, Kansas")
    expect(idOf(r, "Topeka")).not.toBe(idOf(r, "Topeka Regional Airport"))
    expect(entityOf(r, "Pittsburgh")?.name).toBe("Pittsburgh")
  })

  it("reads a first name before a one-word place as a person's name", () => {
    const r = en("The ferry was named after Walter Dushanbe and sails to Dushanbe.")
    expect(entityOf(r, "Walter Dushanbe")?.type).toBe("person")
    expect(entityOf(r, "Dushanbe")?.type).toBe("place")
  })

  it("reads a US state's postal code after a place, road numbers and Romance place heads as places", () => {
    const r = en("Take the bus to Lubbock, TX, then follow the A19 north to Anse Kerlan and Grande Velle.")
    expect(entityOf(r, "Lubbock, TX")?.name).toBe("Lubbock, Texas")
    for (const s of ["A19", "Anse Kerlan", "Grande Velle"]) expect(entityOf(r, s)?.type).toBe("place")
    expect(en("It is OK, Anna said.").mentions.map((m) => m.surface)).not.toContain("OK")
  })

  it("names a settlement by its own name and lists of people by the class noun before them", () => {
    const r = en("The City of Varnholt grew; Varnholt is big. It was home to novelists Gertrude Pell, Jack Dushanbe, and Amy Orlov. General Walter Dushanbe left.")
    expect(entityOf(r, "City of Varnholt")?.name).toBe("Varnholt")
    expect(idOf(r, "Varnholt")).toBe(idOf(r, "City of Varnholt"))
    for (const s of ["Gertrude Pell", "Jack Dushanbe", "Amy Orlov"]) expect(entityOf(r, s)?.type).toBe("person")
    expect(entityOf(r, "General Walter Dushanbe")?.name).toBe("Walter Dushanbe")
  })

  it("holds a mention of the large city or listed place an organisation is named after, nested in the organisation's", () => {
    const r = en("She studied at Ahvaz Polytechnic University and later at the Velm Institute of Kazakhstan.")
    const org = r.mentions.find((m) => m.surface === "Ahvaz Polytechnic University")!
    const city = r.mentions.find((m) => m.surface === "Ahvaz")!
    expect(entityOf(r, "Ahvaz Polytechnic University")?.type).toBe("organization")
    expect(entityOf(r, "Ahvaz")?.type).toBe("place")
    expect(city.start).toBe(org.start)
    expect(entityOf(r, "Velm Institute of Kazakhstan")?.type).toBe("organization")
    expect(entityOf(r, "Kazakhstan")?.type).toBe("place")
    // a small town's name in an organisation's is not taken for the town
    expect(en("He joined Quellbrook Academy.").mentions.map((m) => m.surface)).toEqual(["Quellbrook Academy"])
  })

  it("holds the place a place is named after as a mention nested in its name: a large city, or a place the document names alone", () => {
    const r = en("Planes land at Ahvaz International Airport. Boats sail up the Tarvane River into Tarvane, a region of farms.")
    const airport = r.mentions.find((m) => m.surface === "Ahvaz International Airport")!
    expect(r.mentions.some((m) => m.surface === "Ahvaz" && m.start === airport.start)).toBe(true)
    const river = r.mentions.find((m) => m.surface === "Tarvane River")!
    const nested = r.mentions.find((m) => m.surface === "Tarvane" && m.start === river.start)
    expect(nested?.entity_id).toBe(r.mentions.find((m) => m.surface === "Tarvane" && m.start > river.start)?.entity_id)
    // a compass word and a city make one place, not two
    expect(en("They live in East Ahvaz now.").mentions.map((m) => m.surface)).toEqual(["East Ahvaz"])
  })

  it("keeps the state after a town and a comma as a mention of its own, nested in the town's", () => {
    const r = en("The bus runs from Quellbrook, Oklahoma to the coast.")
    expect(entityOf(r, "Quellbrook, Oklahoma")?.name).toBe("Quellbrook, Oklahoma")
    const town = r.mentions.find((m) => m.surface === "Quellbrook, Oklahoma")!
    const state = r.mentions.find((m) => m.surface === "Oklahoma")!
    expect(entityOf(r, "Oklahoma")?.type).toBe("place")
    expect(state.end).toBe(town.end)
  })

  it("does not take an English word for a country because another language names the country so", () => {
    const r = en("Ferries reach Tarvane Island in an hour.")
    expect(r.entities.map((e) => e.name)).not.toContain("Iceland")
  })

  it("reads a place head noun before a name as a place's name", () => {
    const r = en("They drove through County Tarvane and along the River Ulme.")
    expect(entityOf(r, "County Tarvane")?.type).toBe("place")
    expect(entityOf(r, "River Ulme")?.type).toBe("place")
  })

  it("does not make a town of a given name or of a small town's name", () => {
    const r = en("Later Florence wrote a letter about the harvest, and Chester answered it.")
    for (const e of r.entities) expect(e.geonames_id).toBeNull()
    expect(r.entities.filter((e) => e.type === "place")).toEqual([])
  })
})

describe("the entities report", () => {
  it("lists provisional entities by the language of the documents that name them", () => {
    const report = entityReport([
      { doc_id: "a", language: "ru", result: ru("Вчера Игорь Стрельников встретился с Олегом Зайцевым.") },
      { doc_id: "b", language: "en", result: en("Yesterday Marta Ellingsen met the press.") }
    ])
    const langs = report.provisionalByLanguage.map((g) => g.language)
    expect(langs).toEqual(["ru", "en"])
    expect(report.provisionalByLanguage[0]!.rows.map((r) => r.name).sort()).toEqual(["Игорь Стрельников", "Олег Зайцев"])
    expect(formatEntityReport(report)).toMatch(/language ru \(2\)[\s\S]*language en \(1\)/)
  })
})
