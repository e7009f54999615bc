//! JSON-LD expansion plus conversion to RDF (ler-jsonld, safe mode, processed contexts shared)
//! beside the `json-ld` crate 0.21 doing the same work with a processed context reused, and the
//! `verify_strict` baseline, all in group `to_rdf`.

// The inputs are committed fixtures: failing to read them is a broken checkout, and a panic says so.
#![allow(clippy::expect_used)]

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use criterion::{Criterion, criterion_group, criterion_main};
use json_ld::syntax::Parse as _;
use json_ld::{Expand as _, LoadError, Process as _, RdfQuads as _, RemoteDocument};
use ler_benches::{VerifyBaseline, fixture};
use ler_jsonld::{ContextRegistry, JsonLdProcessor, Options};
use ler_model::json;

/// `json-ld`'s futures never wait here (contexts come from memory).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct RegistryLoader;

impl json_ld::Loader for RegistryLoader {
    async fn load(&self, url: &json_ld::Iri) -> Result<RemoteDocument<json_ld::IriBuf>, LoadError> {
        let doc = ContextRegistry::shared()
            .context(url.as_str())
            .map_err(|e| LoadError::new(url.to_owned(), e))?;
        let text = String::from_utf8_lossy(doc.resource().bytes()).into_owned();
        let (value, _) = json_ld::syntax::Value::parse_str(&text)
            .map_err(|e| LoadError::new(url.to_owned(), std::io::Error::other(e.to_string())))?;
        Ok(RemoteDocument::new(Some(url.to_owned()), None, value))
    }
}

fn to_rdf(c: &mut Criterion) {
    let baseline = VerifyBaseline::new();
    let mut group = c.benchmark_group("to_rdf");
    group.bench_function("ed25519_verify_strict", |b| b.iter(|| baseline.verify()));
    let processor = JsonLdProcessor::shared();
    for name in ["ob3-small.json", "ob3-large.json"] {
        let bytes = fixture(name);
        let doc = json::parse(&bytes).expect("fixture parses");
        let options = Options::safe();
        // Warm the context cache: what every document after the first one sees.
        let quads = processor
            .to_rdf(&doc, &options)
            .expect("fixture converts")
            .dataset
            .len();
        eprintln!("{name}: {} bytes, {quads} quads", bytes.len());
        group.bench_function(format!("ler_jsonld/{name}"), |b| {
            b.iter(|| {
                processor
                    .to_rdf(black_box(&doc), &options)
                    .map(|o| o.dataset.len())
            })
        });

        // json-ld 0.21 with the document's context processed once and reused (a clone per
        // call, as its API takes the context by value).
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        let (value, _) = json_ld::syntax::Value::parse_str(text).expect("parses");
        let context_value = value
            .as_object()
            .and_then(|o| o.get_unique("@context").ok().flatten())
            .cloned();
        let Some(context_value) = context_value else {
            continue;
        };
        let local: json_ld::syntax::context::Context =
            json_ld::syntax::TryFromJson::try_from_json(context_value).expect("context");
        let mut vocabulary = ();
        let processed = block_on(local.process(&mut vocabulary, &RegistryLoader, None))
            .expect("processes")
            .into_processed();
        group.bench_function(format!("json_ld_0_21/{name}"), |b| {
            b.iter(|| {
                let mut vocabulary = ();
                let expanded = block_on(black_box(&value).expand_full(
                    &mut vocabulary,
                    processed.clone(),
                    None,
                    &RegistryLoader,
                    json_ld::expansion::Options::default(),
                    (),
                ))
                .expect("expands");
                let mut generator = json_ld::rdf_types::generator::Blank::new();
                expanded.rdf_quads(&mut generator, None).count()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, to_rdf);
criterion_main!(benches);
