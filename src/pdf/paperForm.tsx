/** @jsxImportSource react */
// The printed form: A4, black on white (it is photocopied in communes), tick boxes with the short
// code of each answer beside them, the consent text with signature lines before any question.
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import { fmt } from "../../views/messages.ts";
import { wordsOf, type ReportWords } from "./words.ts";
import { REPORT_FONT, loadReportFonts } from "./fonts.ts";
import type { PaperFormData } from "./paperFormData.ts";

const INK = "#000000";
const GREY = "#444444";

const s = StyleSheet.create({
  page: { fontFamily: REPORT_FONT, fontSize: 9, lineHeight: 1.3, color: INK, paddingTop: 34, paddingBottom: 50, paddingHorizontal: 40 },
  footer: {
    position: "absolute",
    left: 40,
    right: 40,
    top: 806,
    flexDirection: "row",
    justifyContent: "space-between",
    borderTopWidth: 0.6,
    borderTopColor: INK,
    paddingTop: 4,
    fontSize: 7.5,
    color: GREY,
  },
  kicker: { fontSize: 12, fontWeight: 700, lineHeight: 1.25 },
  small: { fontSize: 8, lineHeight: 1.3, color: GREY },
  h2: { fontSize: 11, fontWeight: 700, marginTop: 10, marginBottom: 4, paddingBottom: 2, borderBottomWidth: 1, borderBottomColor: INK },
  h3: { fontSize: 10, fontWeight: 700, marginTop: 8, marginBottom: 3 },
  row: { flexDirection: "row" },
  wrapRow: { flexDirection: "row", flexWrap: "wrap" },
  box: { width: 9, height: 9, borderWidth: 0.9, borderColor: INK, marginRight: 3, marginTop: 1.5 },
  code: { width: 11, fontWeight: 700 },
  choice: { flexDirection: "row", marginRight: 12, marginBottom: 2 },
  line: { borderBottomWidth: 0.5, borderBottomColor: INK, height: 18, flexGrow: 1 },
  field: { marginBottom: 5 },
  label: { fontWeight: 600 },
  question: { marginTop: 6 },
  qHead: { flexDirection: "row" },
  qNumber: { width: 22, fontWeight: 700 },
  qText: { flex: 1, fontWeight: 600 },
  kind: { fontWeight: 400, color: GREY },
  condition: { marginLeft: 22, fontSize: 8, fontStyle: "normal", color: INK, borderLeftWidth: 1.5, borderLeftColor: INK, paddingLeft: 4, marginTop: 1 },
  option: { flexDirection: "row", marginLeft: 22, marginTop: 1.5 },
  optionLabel: { flex: 1 },
  howTo: { borderWidth: 0.8, borderColor: INK, padding: 6, marginTop: 8 },
  bullet: { width: 9 },
  purpose: { marginBottom: 6 },
  signatures: { flexDirection: "row", marginTop: 10 },
  signature: { flex: 1, alignItems: "center", marginHorizontal: 8 },
  signSpace: { height: 46 },
  notes: { marginTop: 4 },
});

const Box = () => <View style={s.box} />;

/** Tick boxes side by side, each with its code and label (profile facts, consent). */
function Choices(props: { items: { code?: string; label: string }[] }) {
  return (
    <View style={s.wrapRow}>
      {props.items.map((i) => (
        <View key={i.code ?? i.label} style={s.choice} wrap={false}>
          <Box />
          {i.code ? <Text style={s.code}>{i.code}</Text> : null}
          <Text>{i.label}</Text>
        </View>
      ))}
    </View>
  );
}

function Line(props: { label: string }) {
  return (
    <View style={s.field} wrap={false}>
      <Text style={s.label}>{props.label}</Text>
      <View style={s.line} />
    </View>
  );
}

function Question(props: { q: PaperFormData["sections"][number]["questions"][number]; t: ReportWords["m"]["offline"]["paper"] }) {
  const t = props.t;
  const q = props.q;
  return (
    // A question stays on one page with its options: a tick box must never be read against the wrong question.
    <View style={s.question} wrap={false}>
      <View style={s.qHead}>
        <Text style={s.qNumber}>{q.number}.</Text>
        <Text style={s.qText}>
          {q.text} <Text style={s.kind}>({q.multi ? t.multi : t.single})</Text>
        </Text>
      </View>
      {q.condition ? <Text style={s.condition}>{q.condition}</Text> : null}
      {q.options.map((o) => (
        <View key={o.code} style={s.option}>
          <Box />
          <Text style={s.code}>{o.code}</Text>
          <Text style={s.optionLabel}>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}

export function PaperFormDocument({ d }: { d: PaperFormData }) {
  const { m } = wordsOf(d.locale);
  const t = m.offline.paper;
  return (
    <Document title={`${t.kicker} – ${d.sectorName}`} author={t.issuer} language={d.locale}>
      <Page size="A4" style={s.page}>
        <View style={s.footer} fixed>
          <Text>{fmt(t.footer, { sector: d.sectorName, version: d.version })}</Text>
          <Text render={({ pageNumber, totalPages }) => fmt(t.page, { n: pageNumber, total: totalPages })} />
        </View>
        <Text style={s.small}>{t.issuer}</Text>
        <Text style={s.kicker}>{t.kicker}</Text>
        <Text style={s.label}>{fmt(t.sectorLine, { sector: d.sectorName })}</Text>
        <Text style={s.small}>{fmt(t.versionLine, { version: d.version, publishedOn: d.publishedOn, hash: d.questionnaireHash })}</Text>
        <View style={s.howTo}>
          <Text style={s.label}>{t.howTo}</Text>
          {t.howToLines.map((l) => (
            <View key={l} style={s.row}>
              <Text style={s.bullet}>•</Text>
              <Text style={{ flex: 1 }}>{l}</Text>
            </View>
          ))}
        </View>

        <Text style={s.h2}>{t.profileHeading}</Text>
        <Line label={t.name} />
        <View style={s.field}>
          <Text style={s.label}>{t.legalForm}</Text>
          <Choices items={d.profile.legalForms} />
        </View>
        <Line label={t.taxCode} />
        <Line label={t.commune} />
        <View style={s.field}>
          <Text style={s.label}>{t.activityGroup}</Text>
          <Choices items={d.profile.activityGroups} />
        </View>
        <Line label={t.staff} />
        {[t.revenue, t.capital].map((label) => (
          <View key={label} style={s.field} wrap={false}>
            <Text style={s.label}>{label}</Text>
            <Choices items={[...d.profile.moneyRanges, { label: t.moneyNone }]} />
          </View>
        ))}

        <View>
          <Text style={s.h2} minPresenceAhead={120}>
            {t.consentHeading}
          </Text>
          <Text>{t.consentIntro}</Text>
          <Text style={[s.small, { marginBottom: 6 }]}>{fmt(t.controller, { controller: d.consent.controller, policyVersion: d.consent.policyVersion })}</Text>
          {d.consent.purposes.map((p) => (
            <View key={p.label} style={s.purpose} wrap={false}>
              <Text style={s.label}>{p.label}</Text>
              <Text style={s.small}>{p.explanation}</Text>
              <Choices items={[{ label: t.agree }, { label: t.disagree }]} />
            </View>
          ))}
          <View wrap={false}>
            <Text style={s.label}>{m.data.privacy.staffAccess}</Text>
            {d.consent.staffAccess.map((line) => (
              <View key={line} style={s.row}>
                <Text style={[s.small, s.bullet]}>•</Text>
                <Text style={[s.small, { flex: 1 }]}>{line}</Text>
              </View>
            ))}
          </View>
          <Text style={[s.small, { marginTop: 4 }]}>{d.consent.rights}</Text>
          <Text style={[s.label, { marginTop: 8 }]}>{t.capturedOn}</Text>
          <View style={s.signatures} wrap={false}>
            {[t.ownerSigns, t.advisorSigns].map((who) => (
              <View key={who} style={s.signature}>
                <Text style={s.label}>{who}</Text>
                <View style={s.signSpace} />
                <View style={[s.line, { width: "100%" }]} />
              </View>
            ))}
          </View>
        </View>

        <View>
          <Text style={s.h2} minPresenceAhead={120}>
            {t.questionsHeading}
          </Text>
          {d.sections.map((section, i) => (
            <View key={section.title}>
              {/* The heading travels with its first question: never alone at the foot of a page. */}
              <View wrap={false}>
                <Text style={s.h3}>{fmt(t.sectionHeading, { n: i + 1, title: section.title })}</Text>
                <Question q={section.questions[0]!} t={t} />
              </View>
              {section.questions.slice(1).map((q) => (
                <Question key={q.number} q={q} t={t} />
              ))}
            </View>
          ))}
        </View>

        <View wrap={false} style={s.notes}>
          <Text style={s.h2}>{t.notesHeading}</Text>
          {[1, 2, 3, 4, 5].map((n) => (
            <View key={n} style={[s.line, { height: 22 }]} />
          ))}
        </View>
      </Page>
    </Document>
  );
}

type Doc = Parameters<typeof renderToBuffer>[0];

export async function renderPaperFormPdf(data: PaperFormData): Promise<Buffer> {
  await loadReportFonts();
  return renderToBuffer(createElement(PaperFormDocument, { d: data }) as Doc);
}
