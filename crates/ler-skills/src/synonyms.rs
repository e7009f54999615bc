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
];

/// Most words rewritten per phrase: bounds the work.
const MAX_WORDS: usize = 64;

/// The phrase with table entries replaced (borrowed unchanged when nothing matched).
pub(crate) fn expand(phrase: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut last = 0usize;
    let mut changed = false;
    for (count, (start, word)) in words_with_offsets(phrase).enumerate() {
        if count >= MAX_WORDS {
            break;
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
