//! Maps a phrase against the embedded taxonomy: `map FRAMEWORK KIND PHRASE...`.
use ler_skills::{ConceptKind, MapOptions, SkillMapper};
fn main() -> Result<(), ler_skills::Error> {
    let m = SkillMapper::embedded()?;
    let mut args = std::env::args().skip(1);
    let fw = args.next().unwrap_or_default();
    let kind = args.next().and_then(|k| ConceptKind::parse(&k));
    let mut o = MapOptions::new().top(3);
    o.framework = m.taxonomy().framework_by_key(&fw);
    if let Some(k) = kind {
        o = o.kinds(&[k]);
    }
    for p in args {
        for h in m.map(&p, &o) {
            println!(
                "{p}\t{:.3}\t{}\t{}\t{}",
                h.score,
                h.concept.identifier(),
                h.concept.label(),
                h.label
            );
        }
    }
    Ok(())
}
