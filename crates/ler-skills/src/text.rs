//! Text normalisation for the label index: tokens, a light plural stemmer, edit distance.

/// Words that carry no meaning in a skill or job label.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "etc",
];

/// Longest token kept, in bytes (longer runs are cut, so work per token is bounded).
const MAX_TOKEN: usize = 40;

/// Splits text into lowercase, stemmed tokens without stopwords, appending to `out`. A token is
/// a run of letters, digits, `+` and `#` (so `C++` and `C#` survive); at most `limit` tokens.
pub(crate) fn tokens_into(text: &str, limit: usize, out: &mut Vec<String>) {
    let mut word = String::new();
    let mut count = 0usize;
    let mut flush = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            if count < limit && !STOPWORDS.contains(&word.as_str()) {
                out.push(stem(word));
                count += 1;
            }
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '+' || c == '#' {
            if word.len() < MAX_TOKEN {
                if c.is_ascii() {
                    word.push(c.to_ascii_lowercase());
                } else {
                    word.extend(c.to_lowercase());
                }
            }
        } else if c == '\'' || c == '\u{2019}' {
            // "worker's" → "worker": drop the possessive, keep contractions joined.
            if word.len() < MAX_TOKEN {
                word.push('\'');
            }
        } else {
            flush(&mut word, out);
        }
    }
    flush(&mut word, out);
}

/// A light English stemmer: plurals and possessives to the singular (`categories` →
/// `category`, `boxes` → `box`, `worker's` → `worker`), then `-ing`/`-ed` and a final `e` off
/// (`trained`, `training`, `train` → `train`), so duties written in the past tense meet ESCO's
/// imperative labels. No further suffixes: they would merge words the taxonomies keep apart.
pub(crate) fn stem(word: &str) -> String {
    let w = word.trim_end_matches("'s").trim_matches('\'');
    // A French elision (`d'applications`, `l'entreprise`) is its own word.
    let w = match w.split_once('\'') {
        Some((head, rest))
            if rest.len() >= 2
                && matches!(head, "l" | "d" | "j" | "n" | "s" | "c" | "m" | "qu") =>
        {
            rest
        }
        _ => w,
    };
    let n = w.len();
    if n <= 3 {
        return w.replace('\'', "");
    }
    if !w.is_ascii() {
        // Accented words (ESCO's other languages): only a plural `-s`/`-x` off.
        let w = w.replace('\'', "");
        return match w.strip_suffix(['s', 'x']) {
            Some(base) if !base.ends_with('s') && base.chars().count() >= 3 => base.to_owned(),
            _ => w,
        };
    }
    // A plural ending in `-ings` is a noun (`bushings`, `findings`, `buildings`): its `-ing`
    // is part of the word, not an inflection.
    if let Some(base) = w.strip_suffix("ings")
        && base.len() >= 3
    {
        return format!("{base}ing").replace('\'', "");
    }
    let out = if let Some(base) = w.strip_suffix("ies") {
        format!("{base}y")
    } else if w.ends_with("sses")
        || w.ends_with("xes")
        || w.ends_with("ches")
        || w.ends_with("shes")
        || w.ends_with("zes")
    {
        w[..n - 2].to_owned()
    } else if w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("ics")
    {
        w[..n - 1].to_owned()
    } else {
        w.to_owned()
    };
    strip_inflection(out.replace('\'', ""))
}

/// `-ing` and `-ed` off (with a doubled final consonant undone), then a final `e`, so that
/// `trained`, `training` and `train`, or `managed`, `managing` and `manage`, meet.
fn strip_inflection(word: String) -> String {
    fn has_vowel(s: &str) -> bool {
        s.bytes()
            .any(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
    }
    if !word.is_ascii() {
        return word;
    }
    let mut w = word;
    let stripped = ["ing", "ed"].iter().find_map(|suffix| {
        let stem = w.strip_suffix(suffix)?;
        (stem.len() >= 3 && has_vowel(stem)).then(|| stem.to_owned())
    });
    if let Some(stem) = stripped {
        w = stem;
        let b = w.as_bytes();
        if let [.., x, y] = b
            && x == y
            && matches!(x, b'b' | b'd' | b'g' | b'm' | b'n' | b'p' | b'r' | b't')
        {
            w.pop();
        }
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// Derivational endings taken off by [`derivation_key`], longest first, as [`stem`] leaves
/// them (its final `e` already off: `-iv`, `-ur`, `-anc`).
const DERIVATIONAL: &[&str] = &[
    "isation", "ization", "ational", "ation", "ition", "ement", "ament", "ment", "ness", "ator",
    "ancy", "ency", "ical", "anc", "enc", "ity", "ial", "ist", "ism", "ian", "ion", "ory", "ary",
    "ics", "ant", "iv", "ur", "al", "ic", "is", "er", "or", "at", "y",
];

/// A coarse key shared by a word's derivations (`operation`, `operate`, `operator`,
/// `operative` → `oper`; `preparation`, `prepare` → `prepar`; `replenishment`, `replenish`),
/// for matching a word to its relatives at a reduced weight. Applied to [`stem`]'s output;
/// `None` for short or non-ASCII words.
pub(crate) fn derivation_key(term: &str) -> Option<String> {
    if term.len() < 5 || !term.is_ascii() {
        return None;
    }
    let strip = |w: &str, suffixes: &[&str]| -> Option<String> {
        suffixes
            .iter()
            .find_map(|suffix| w.strip_suffix(suffix).filter(|b| b.len() >= 4))
            .map(str::to_owned)
    };
    // `organiz` and `organis` meet.
    let term = match term.strip_suffix("iz") {
        Some(base) => format!("{base}is"),
        None => term.to_owned(),
    };
    let mut key = strip(&term, DERIVATIONAL).unwrap_or(term);
    // `operativ` → `operat` → `oper`, `creativ` → `creat`.
    if let Some(shorter) = strip(&key, &["at", "iv"]) {
        key = shorter;
    }
    Some(key)
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions) between two
/// short strings, or `None` when it exceeds `max` (stops early; the work is bounded by the
/// token length cap).
pub(crate) fn edit_distance_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    // Rows on the stack: tokens are cut at `MAX_TOKEN` bytes, so a row never needs more.
    const ROW: usize = MAX_TOKEN + 2;
    if a.len().abs_diff(b.len()) > max || a.len() >= ROW || b.len() >= ROW {
        return None;
    }
    let m = b.len();
    let mut prev2 = [0usize; ROW];
    let mut prev = [0usize; ROW];
    let mut cur = [0usize; ROW];
    for (j, slot) in prev.iter_mut().enumerate().take(m + 1) {
        *slot = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    let d = prev[m];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokens_into(s, 64, &mut v);
        v
    }

    #[test]
    fn plurals_and_case_reduce_to_the_same_tokens() {
        assert_eq!(toks("Software Developers"), toks("software developer"));
        assert_eq!(toks("categories"), vec!["category"]);
        assert_eq!(toks("boxes of matches"), vec!["box", "match"]);
        assert_eq!(toks("classes"), vec!["class"]);
        assert_eq!(toks("worker's tools"), vec!["worker", "tool"]);
        assert_eq!(toks("C++ and C#"), vec!["c++", "c#"]);
        assert_eq!(toks("analysis"), vec!["analysis"]);
        assert_eq!(toks("Trained"), toks("train"));
        assert_eq!(toks("managing"), toks("manage"));
        assert_eq!(toks("planned"), toks("plan"));
    }

    #[test]
    fn plural_nouns_in_ings_keep_their_ending() {
        assert_eq!(toks("bushings"), vec!["bushing"]);
        assert_ne!(toks("bushings"), toks("bush"));
        assert_eq!(toks("findings"), vec!["finding"]);
        assert_eq!(
            toks("bushing"),
            vec!["bush"],
            "a singular -ing is still an inflection"
        );
    }

    #[test]
    fn french_elisions_and_accented_plurals_reduce_to_the_word() {
        assert_eq!(toks("d’applications"), toks("applications"));
        assert_eq!(toks("l'entreprise"), toks("entreprise"));
        assert_eq!(toks("infirmières"), toks("infirmière"));
        assert_eq!(toks("agréés"), toks("agréé"));
    }

    #[test]
    fn derivations_share_a_key() {
        let key = |w: &str| derivation_key(&stem(w));
        assert_eq!(key("operation"), key("operate"));
        assert_eq!(key("operator"), key("operating"));
        assert_eq!(key("operative"), key("operator"));
        assert_eq!(key("organize"), key("organise"));
        assert_eq!(key("preparation"), key("prepare"));
        assert_eq!(key("replenishment"), key("replenish"));
        assert_eq!(key("management"), key("manage"));
        assert_eq!(key("statistical"), key("statistics"));
        assert_eq!(key("analysis"), key("analyse"));
        assert_ne!(key("statistics"), key("station"));
        assert_eq!(key("sql"), None);
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance_within(b"python", b"pyhton", 1), Some(1));
        assert_eq!(edit_distance_within(b"python", b"pythn", 1), Some(1));
        assert_eq!(edit_distance_within(b"python", b"java", 2), None);
        assert_eq!(edit_distance_within(b"", b"ab", 2), Some(2));
    }
}
