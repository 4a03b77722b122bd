import { describe, expect, it } from "vitest"
import { detectLanguage } from "../../pipeline/stages/language.js"
import { processDocument, type StageContext } from "../../pipeline/document.js"
import { makeEntityFinder } from "../../pipeline/stages/entities/index.js"
import type { Gazetteer } from "../../pipeline/stages/entities/gazetteer.js"

// sentences written for these tests
const english =
  "The border guards crossed the river at dawn and met the village elders, who told them the bridge had been closed since the spring floods."
const russian =
  "Пограничники переправились через реку на рассвете и встретились со старейшинами деревни, которые сказали, что мост закрыт с весеннего половодья."
const tajik =
  "Сарҳадбонон субҳидам аз дарё гузаштанд ва бо мӯйсафедони деҳа вохӯрданд, ки гуфтанд пул аз обхезии баҳорӣ баста аст."
const german =
  "Die Grenzsoldaten überquerten den Fluss im Morgengrauen und trafen die Dorfältesten, die ihnen sagten, die Brücke sei seit dem Frühjahr gesperrt."

describe("detectLanguage", () => {
  it("tags English, Russian and German prose with their ISO 639-1 codes", () => {
    expect(detectLanguage(english)).toBe("en")
    expect(detectLanguage(russian)).toBe("ru")
    expect(detectLanguage(german)).toBe("de")
  })

  it("tells Tajik Cyrillic from Russian by the letters only Tajik writes", () => {
    expect(detectLanguage(tajik)).toBe("tg")
    // a Russian text quoting one Tajik word stays Russian
    expect(detectLanguage(`${russian} ${russian} Слово «ҷумҳурӣ» значит «республика».`)).toBe("ru")
  })

  it("gives no tag to a text too short to judge", () => {
    expect(detectLanguage("OK")).toBeNull()
    expect(detectLanguage("Reply · Share · 3 likes")).toBeNull()
  })

  it("reads a long document by samples, so the language of its body decides and not one stray paragraph", () => {
    const long = Array.from({ length: 200 }, () => russian).join("\n\n") + "\n\n" + english
    expect(detectLanguage(long)).toBe("ru")
  })
})

// a short Russian article of our own: distinct paragraphs, as cleaning drops lines a page repeats
const russianArticle = [
  russian,
  "Глава района пообещал, что ремонт начнётся в июне и продлится не меньше двух месяцев, если позволит погода.",
  "Жители соседних сёл жалуются, что из-за закрытого моста дорога до рынка теперь занимает почти целый день.",
  "Местные водители предлагают временно пустить паром, но власти пока не ответили на их письмо и не назвали сроков."
].join("\n\n")

describe("documents.language", () => {
  const gazetteer: Gazetteer = { version: 1, entities: [] }
  const ctx: StageContext = {
    rules: { version: 1, rules: [] },
    dates: { events: [] },
    findEntities: makeEntityFinder(gazetteer)
  }
  const source = (text: string, language?: string) => ({
    doc_id: "d",
    source_path: "d.txt",
    sha256: "0".repeat(64),
    text,
    meta: language ? { language } : null
  })

  it("is detected from the body when the sidecar says nothing", () => {
    const out = processDocument(source(russianArticle), ctx)
    expect(out.ok && out.result.document.language).toBe("ru")
  })

  it("is the sidecar's when it states one", () => {
    const out = processDocument(source(russianArticle, "ru-Latn"), ctx)
    expect(out.ok && out.result.document.language).toBe("ru-Latn")
  })
})
