//! A curated table of acronyms and synonyms, applied to a phrase before it is matched: the
//! taxonomies spell out what CVs and job ads abbreviate (`CPR`, `HVAC`, `CDL`), and some
//! acronyms are also common words (`REST`), so those only count when written in capitals.

use std::borrow::Cow;

/// `(written form, replacement, case-sensitive)`. Case-sensitive forms match only as written
/// (all capitals); the others match any case. A replacement spells the concept the way the
/// taxonomies' labels do.
const TABLE: &[(&str, &str, bool)] = &[
    ("REST", "RESTful API", true),
    ("RESTful", "RESTful API", false),
    ("APIs", "application programming interface", false),
    ("API", "application programming interface", true),
    ("CPR", "cardiopulmonary resuscitation", true),
    ("BLS", "basic life support", true),
    ("ACLS", "advanced cardiovascular life support", true),
    ("HVAC", "heating ventilation air conditioning HVAC", true),
    ("CDL", "commercial driver's license", true),
    ("EHR", "electronic health records", true),
    ("EMR", "electronic medical records", true),
    ("PLC", "programmable logic controller", true),
    ("PLCs", "programmable logic controller", true),
    ("CNC", "computer numerical control", true),
    ("MIG", "metal inert gas welding", true),
    ("TIG", "tungsten inert gas welding", true),
    ("GMAW", "metal inert gas welding", true),
    ("GTAW", "tungsten inert gas welding", true),
    ("SMAW", "shielded metal arc welding", true),
    ("FCAW", "flux cored arc welding", true),
    ("CAD", "computer aided design", true),
    ("ERP", "enterprise resource planning", true),
    ("CRM", "customer relationship management", true),
    ("UX", "user experience", true),
    ("UI", "user interface", true),
    ("QA", "quality assurance", true),
    ("ML", "machine learning", true),
    ("AI", "artificial intelligence", true),
    ("NLP", "natural language processing", true),
    ("OOP", "object-oriented programming", true),
    ("CI/CD", "continuous integration", false),
    ("SEO", "search engine optimisation", true),
    ("PPC", "pay per click advertising", true),
    ("HR", "human resources", true),
    ("PR", "public relations", true),
    ("KPI", "key performance indicators", true),
    ("KPIs", "key performance indicators", true),
    ("OSHA", "occupational safety and health", true),
    (
        "HACCP",
        "hazard analysis critical control points HACCP",
        true,
    ),
    ("GDPR", "general data protection regulation", true),
    ("ECE", "early childhood education", true),
    ("ESL", "English as a second language", true),
    ("EMT", "emergency medical technician", true),
    ("RN", "registered nurse", true),
    ("LPN", "licensed practical nurse", true),
    ("CNA", "certified nursing assistant", true),
    ("IV", "intravenous", true),
    ("AR", "accounts receivable", true),
    ("AP", "accounts payable", true),
    ("GAAP", "generally accepted accounting principles", true),
    ("P&L", "profit and loss", false),
    ("B2B", "business to business sales", false),
    ("k8s", "Kubernetes", false),
    ("JS", "JavaScript", true),
    ("TS", "TypeScript", true),
    ("Postgres", "PostgreSQL", false),
    ("spreadsheets", "spreadsheet software", false),
    ("spreadsheet", "spreadsheet software", false),
    ("phonics", "phonics reading instruction", false),
    ("Excel", "Microsoft Excel", false),
    ("Word", "Microsoft Word", true),
    ("PowerPoint", "Microsoft PowerPoint", false),
    // Cloud, data and software.
    ("AWS", "Amazon Web Services AWS", true),
    ("GCP", "Google Cloud Platform", true),
    ("Azure", "Microsoft Azure", false),
    ("ETL", "extract transform load ETL", true),
    ("SaaS", "software as a service", false),
    ("CMS", "content management system", true),
    ("LMS", "learning management system", true),
    ("HRIS", "human resources information system", true),
    ("UAT", "user acceptance testing", true),
    ("TDD", "test driven development", true),
    ("CI", "continuous integration", true),
    ("IT", "information technology", true),
    ("GIS", "geographic information systems", true),
    ("BIM", "building information modelling", true),
    ("CAM", "computer aided manufacturing", true),
    ("PCB", "printed circuit board", true),
    ("PCBs", "printed circuit board", true),
    ("SEM", "search engine marketing", true),
    ("SMM", "social media marketing", true),
    // Business, finance, HR.
    ("ROI", "return on investment", true),
    ("B2C", "business to consumer", false),
    ("M&A", "mergers and acquisitions", false),
    ("AML", "anti-money laundering", true),
    ("KYC", "know your customer", true),
    ("IFRS", "international financial reporting standards", true),
    ("VAT", "value added tax", true),
    ("CPA", "certified public accountant", true),
    ("A/R", "accounts receivable", false),
    ("A/P", "accounts payable", false),
    ("L&D", "learning and development", false),
    ("D&I", "diversity and inclusion", false),
    ("DEI", "diversity equity and inclusion", true),
    ("CSR", "corporate social responsibility", true),
    ("SLA", "service level agreement", true),
    ("SLAs", "service level agreement", true),
    ("SOP", "standard operating procedures", true),
    ("SOPs", "standard operating procedures", true),
    ("QC", "quality control", true),
    ("POS", "point of sale", true),
    ("F&B", "food and beverage", false),
    ("PMP", "project management", true),
    // Safety, health, trades, transport.
    ("PPE", "personal protective equipment", true),
    ("HSE", "health safety and environment", true),
    ("H&S", "health and safety", false),
    ("OHS", "occupational health and safety", true),
    ("WHS", "work health and safety", true),
    ("COSHH", "control of substances hazardous to health", true),
    ("HGV", "heavy goods vehicle truck", true),
    ("LGV", "large goods vehicle truck", true),
    ("EMS", "emergency medical services", true),
    ("ICU", "intensive care unit", true),
    ("MRI", "magnetic resonance imaging", true),
    ("ECG", "electrocardiogram", true),
    ("EKG", "electrocardiogram", true),
    ("ABA", "applied behaviour analysis", true),
    ("SEN", "special educational needs", true),
    ("SEND", "special educational needs", true),
    ("EYFS", "early years", true),
    ("TEFL", "teach English as a foreign language", true),
    (
        "TESOL",
        "teach English to speakers of other languages",
        true,
    ),
    ("NDT", "non-destructive testing", true),
    ("VFD", "variable frequency drive", true),
    ("PV", "photovoltaic", true),
    ("EV", "electric vehicle", true),
    ("EVs", "electric vehicle", true),
];

/// Words that, before a preposition, only frame a skill (`experience in`, `ability to`,
/// `knowledge of`), and adjectives that only grade it (`strong`, `proficient`): dropped from a
/// phrase before matching, so the skill itself is what is matched. The framing words are
/// dropped only with their preposition, since some labels hold them (`knowledge management`).
const FRAMES: &[&str] = &[
    "experience",
    "experienced",
    "ability",
    "able",
    "knowledge",
    "knowledgeable",
    "proficient",
    "proficiency",
    "skilled",
    "skills",
    "familiar",
    "familiarity",
    "responsible",
    "responsibility",
    "responsibilities",
    "understanding",
    "expertise",
    "expert",
    "competent",
    "competence",
    "capable",
    "comfortable",
    "confident",
    "qualified",
    "trained",
    "background",
    "years",
];
/// Prepositions that close a frame.
const FRAME_ENDS: &[&str] = &["in", "with", "of", "to", "for", "at", "on"];
/// Grading words dropped wherever they stand (unless they are the whole phrase).
const GRADES: &[&str] = &[
    "strong",
    "excellent",
    "proven",
    "demonstrated",
    "hands-on",
    "proficient",
];

/// Words whose relatives the taxonomies use instead (`car` → `vehicle`, `diary` → `agenda`,
/// British and American spellings): a phrase's word also meets its relatives, at a reduced
/// weight, so an exact word still wins. One word each side.
const RELATIVES: &[(&str, &[&str])] = &[
    ("car", &["vehicle", "automotive"]),
    ("automobile", &["vehicle", "car"]),
    ("truck", &["lorry", "vehicle"]),
    ("lorry", &["truck"]),
    ("van", &["vehicle"]),
    ("diary", &["agenda", "schedule", "appointment"]),
    ("calendar", &["schedule", "agenda", "appointment"]),
    ("grade", &["assess", "mark", "evaluate"]),
    ("mark", &["grade", "assess"]),
    ("student", &["pupil", "learner"]),
    ("pupil", &["student"]),
    ("learner", &["student", "pupil"]),
    ("kid", &["child", "children"]),
    ("kids", &["children"]),
    ("child", &["children"]),
    ("children", &["child"]),
    ("customer", &["client"]),
    ("client", &["customer"]),
    ("guest", &["customer", "visitor"]),
    ("patron", &["customer", "guest"]),
    ("fix", &["repair"]),
    ("mend", &["repair"]),
    ("fault", &["defect", "problem", "malfunction"]),
    ("issue", &["problem"]),
    ("troubleshoot", &["diagnose", "fault"]),
    ("cook", &["prepare", "cooking"]),
    ("meal", &["food", "dish"]),
    ("drink", &["beverage"]),
    ("beverage", &["drink"]),
    ("medication", &["medicine", "drug"]),
    ("medicine", &["medication", "drug"]),
    ("drug", &["medication", "medicine"]),
    ("sample", &["specimen"]),
    ("lab", &["laboratory"]),
    ("laboratory", &["lab"]),
    ("stock", &["inventory"]),
    ("inventory", &["stock"]),
    ("shop", &["store", "retail"]),
    ("store", &["shop", "retail"]),
    ("warehouse", &["storage", "warehousing"]),
    ("deliveries", &["delivery"]),
    ("delivery", &["distribution", "transport"]),
    ("salary", &["payroll", "wage"]),
    ("wage", &["payroll", "salary"]),
    ("boss", &["manager", "supervisor"]),
    ("staff", &["employee", "personnel", "team"]),
    ("employee", &["staff", "personnel"]),
    ("hire", &["recruit"]),
    ("hiring", &["recruitment"]),
    ("recruit", &["hire"]),
    ("onboarding", &["induction"]),
    ("coding", &["programming"]),
    ("code", &["program"]),
    ("developer", &["programmer"]),
    ("website", &["web"]),
    ("app", &["application"]),
    ("apps", &["application"]),
    ("cybersecurity", &["security", "cyber"]),
    ("infosec", &["security"]),
    ("spreadsheet", &["spreadsheets"]),
    ("bookkeeping", &["accounting"]),
    ("invoice", &["invoicing", "billing"]),
    ("invoicing", &["invoice", "billing"]),
    ("billing", &["invoice"]),
    ("budgeting", &["budget"]),
    ("forecasting", &["forecast"]),
    ("teach", &["instruct", "educate"]),
    ("teaching", &["instruction", "education"]),
    ("tutor", &["teach", "tutoring"]),
    ("nursing", &["nurse", "care"]),
    ("elderly", &["older", "elder"]),
    ("disabled", &["disability"]),
    ("disability", &["disabled"]),
    // Everyday verbs of CVs and job ads, and the taxonomies' verbs for them.
    ("handle", &["manage", "process"]),
    ("oversee", &["supervise", "manage"]),
    ("run", &["manage", "operate"]),
    ("build", &["construct", "develop"]),
    ("create", &["develop", "design"]),
    ("check", &["inspect", "verify"]),
    ("sell", &["sales", "selling"]),
    ("buy", &["purchase", "procure"]),
    ("order", &["purchase"]),
    ("keep", &["maintain"]),
    ("help", &["assist", "support"]),
    ("talk", &["communicate", "speak"]),
    ("serve", &["serving", "provide"]),
    ("greet", &["welcome"]),
    ("welcome", &["greet"]),
    ("book", &["reserve", "schedule"]),
    ("booking", &["reservation"]),
    ("reservation", &["booking"]),
    ("lift", &["move", "handle"]),
    // Job-title words.
    ("reporter", &["journalist", "correspondent"]),
    ("journalist", &["reporter"]),
    ("foreman", &["supervisor"]),
    ("forewoman", &["supervisor"]),
    ("supervisor", &["foreman", "lead"]),
    ("instructor", &["teacher", "trainer", "tutor"]),
    ("trainer", &["instructor", "coach"]),
    ("coach", &["trainer", "instructor"]),
    ("lecturer", &["teacher", "professor"]),
    ("professor", &["lecturer", "teacher"]),
    ("teacher", &["instructor", "educator"]),
    ("educator", &["teacher"]),
    ("aide", &["assistant", "helper"]),
    ("helper", &["assistant", "aide"]),
    ("assistant", &["aide", "helper"]),
    ("specialist", &["expert", "consultant"]),
    ("expert", &["specialist", "consultant"]),
    ("consultant", &["adviser", "advisor", "specialist"]),
    ("adviser", &["advisor", "consultant"]),
    ("advisor", &["adviser", "consultant"]),
    ("chef", &["cook"]),
    ("cashier", &["teller"]),
    ("teller", &["cashier"]),
    ("physician", &["doctor"]),
    ("doctor", &["physician"]),
    ("attorney", &["lawyer"]),
    ("lawyer", &["attorney", "solicitor"]),
    ("solicitor", &["lawyer"]),
    ("salesperson", &["seller", "sales"]),
    ("seller", &["salesperson"]),
    ("vendor", &["seller", "supplier"]),
    ("mechanic", &["technician", "repairer"]),
    ("repairer", &["mechanic", "technician"]),
    ("janitor", &["cleaner", "custodian"]),
    ("custodian", &["janitor", "cleaner"]),
    ("nanny", &["childminder", "babysitter"]),
    ("childminder", &["nanny"]),
    ("carer", &["caregiver"]),
    ("caregiver", &["carer"]),
    ("salesman", &["salesperson", "sales"]),
    ("saleswoman", &["salesperson", "sales"]),
    ("secretary", &["assistant"]),
    ("programmer", &["developer"]),
    ("aluminium", &["aluminum"]),
    ("aluminum", &["aluminium"]),
    ("colour", &["color"]),
    ("color", &["colour"]),
    ("labour", &["labor"]),
    ("labor", &["labour"]),
    ("behaviour", &["behavior"]),
    ("behavior", &["behaviour"]),
    ("centre", &["center"]),
    ("center", &["centre"]),
    ("programme", &["program"]),
    ("program", &["programme"]),
    ("licence", &["license"]),
    ("license", &["licence"]),
    ("catalogue", &["catalog"]),
    ("catalog", &["catalogue"]),
    ("modeling", &["modelling"]),
    ("modelling", &["modeling"]),
    ("travelling", &["traveling"]),
    ("fulfillment", &["fulfilment"]),
    ("fulfilment", &["fulfillment"]),
    ("tire", &["tyre"]),
    ("tyre", &["tire"]),
    ("organize", &["organise"]),
    ("organise", &["organize"]),
    ("analyze", &["analyse"]),
    ("analyse", &["analyze"]),
    ("optimize", &["optimise"]),
    ("optimise", &["optimize"]),
    ("prioritize", &["prioritise"]),
    ("prioritise", &["prioritize"]),
    ("utilize", &["utilise", "use"]),
    ("specialize", &["specialise"]),
    ("specialise", &["specialize"]),
    ("standardize", &["standardise"]),
    ("customize", &["customise"]),
    ("finalize", &["finalise"]),
    ("sanitize", &["sanitise"]),
    ("sterilize", &["sterilise"]),
    ("sterilise", &["sterilize"]),
];

/// Most words rewritten per phrase: bounds the work.
const MAX_WORDS: usize = 64;

/// The related words of a word (as [`crate::text::stem`] leaves it), stemmed the same way.
pub(crate) fn relatives(term: &str) -> &'static [String] {
    static STEMMED: std::sync::LazyLock<std::collections::HashMap<String, Vec<String>>> =
        std::sync::LazyLock::new(|| {
            let mut map: std::collections::HashMap<String, Vec<String>> =
                std::collections::HashMap::new();
            let mut toks = Vec::new();
            for (word, related) in RELATIVES {
                toks.clear();
                crate::text::tokens_into(word, 1, &mut toks);
                let Some(key) = toks.pop() else { continue };
                let entry = map.entry(key.clone()).or_default();
                for r in *related {
                    toks.clear();
                    crate::text::tokens_into(r, 1, &mut toks);
                    if let Some(t) = toks.pop()
                        && t != key
                        && !entry.contains(&t)
                    {
                        entry.push(t);
                    }
                }
            }
            map
        });
    STEMMED.get(term).map_or(&[], Vec::as_slice)
}

/// The phrase with table entries replaced and framing words dropped (borrowed unchanged when
/// nothing matched).
pub(crate) fn expand(phrase: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut last = 0usize;
    let mut changed = false;
    let words: Vec<(usize, &str)> = words_with_offsets(phrase).take(MAX_WORDS).collect();
    let mut skip_until = 0usize;
    for (i, &(start, word)) in words.iter().enumerate() {
        if i < skip_until {
            continue;
        }
        // A frame (`experience in`, `ability to`) or a grade (`strong`), not the whole phrase.
        let lower = word.to_ascii_lowercase();
        let frame_end = words
            .get(i + 1)
            .is_some_and(|(_, next)| FRAME_ENDS.iter().any(|e| e.eq_ignore_ascii_case(next)));
        let dropped = if FRAMES.contains(&lower.as_str()) && frame_end && i + 2 < words.len() {
            Some(2)
        } else if GRADES.contains(&lower.as_str()) && words.len() > 1 {
            Some(1)
        } else {
            None
        };
        if let Some(n) = dropped {
            out.push_str(&phrase[last..start]);
            let (end_start, end_word) = words[i + n - 1];
            last = end_start + end_word.len();
            skip_until = i + n;
            changed = true;
            continue;
        }
        let found = TABLE.iter().find(|(form, _, exact)| {
            if *exact {
                *form == word
            } else {
                form.eq_ignore_ascii_case(word)
            }
        });
        if let Some((form, replacement, _)) = found {
            if form == replacement {
                continue;
            }

            out.push_str(&phrase[last..start]);
            out.push_str(replacement);
            last = start + word.len();
            changed = true;
        }
    }
    if !changed {
        return Cow::Borrowed(phrase);
    }
    out.push_str(&phrase[last..]);
    Cow::Owned(out)
}

/// The words of a text (runs of letters, digits and `+#&/`) with their byte offsets.
fn words_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || matches!(c, '+' | '#' | '&' | '/');
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_and_grades_are_dropped_but_not_a_whole_phrase() {
        assert_eq!(expand("experience in SQL").trim(), "SQL");
        assert_eq!(
            expand("strong knowledge of bookkeeping").trim(),
            "bookkeeping"
        );
        assert_eq!(
            expand("ability to lift heavy loads").trim(),
            "lift heavy loads"
        );
        assert_eq!(expand("knowledge management"), "knowledge management");
        assert_eq!(expand("experience"), "experience");
        assert_eq!(expand("certified"), "certified");
    }

    #[test]
    fn relatives_are_stemmed_both_sides() {
        assert!(relatives("car").contains(&crate::text::stem("vehicle")));
        assert!(relatives("diary").iter().any(|r| r == "agenda"));
        assert!(relatives("python").is_empty());
    }

    #[test]
    fn acronyms_expand_and_common_words_only_in_capitals() {
        assert_eq!(
            expand("build REST APIs"),
            "build RESTful API application programming interface"
        );
        assert_eq!(expand("get some rest"), "get some rest");
        assert_eq!(
            expand("CPR certified"),
            "cardiopulmonary resuscitation certified"
        );
        assert_eq!(expand("Class A CDL"), "Class A commercial driver's license");
        assert!(matches!(expand("python"), Cow::Borrowed(_)));
    }
}
