//! Interface text, from the Fluent files `locales/{kk,ru,en}/main.ftl` embedded at build time.
//! One bundle per language, all loaded once; views pass the `Lang` they render in, so switching
//! language is setting a field. Looking up text never fails: a missing id shows the id itself,
//! and the tests make sure none is missing in any language.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

pub use crate::exam::task::Lang;

/// The embedded sources, by language.
pub const SOURCES: [(Lang, &str); 3] = [
    (Lang::Kk, include_str!("../locales/kk/main.ftl")),
    (Lang::Ru, include_str!("../locales/ru/main.ftl")),
    (Lang::En, include_str!("../locales/en/main.ftl")),
];

/// An argument for a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// A number (selects plural forms).
    Num(i64),
    /// A string.
    Str(&'a str),
}

/// Every language's bundle.
pub struct I18n {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

impl I18n {
    fn load() -> I18n {
        let bundles = SOURCES
            .iter()
            .map(|(lang, source)| {
                // A resource with syntax errors still yields every message that parsed.
                let resource =
                    FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, _)| r);
                let id = lang.code().parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // No Unicode isolation marks: the fonts would draw them as boxes.
                bundle.set_use_isolating(false);
                let _ = bundle.add_resource(resource);
                (*lang, bundle)
            })
            .collect();
        I18n { bundles }
    }

    /// The text of message `id` in `lang`.
    pub fn tr(&self, lang: Lang, id: &str) -> String {
        self.tr_args(lang, id, &[])
    }

    /// The text of message `id` in `lang` with arguments.
    pub fn tr_args(&self, lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let Some((_, bundle)) = self.bundles.iter().find(|(l, _)| *l == lang) else {
            return id.to_owned();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, arg) in args {
            let value = match arg {
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Str(s) => FluentValue::from(*s),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }
}

/// The loaded bundles (loaded on first use).
pub fn get() -> &'static I18n {
    static I18N: OnceLock<I18n> = OnceLock::new();
    I18N.get_or_init(I18n::load)
}

/// Shorthand for `get().tr(lang, id)`.
pub fn tr(lang: Lang, id: &str) -> String {
    get().tr(lang, id)
}

/// Shorthand for `get().tr_args(lang, id, args)`.
pub fn tr_args(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    get().tr_args(lang, id, args)
}

/// Every message id of a source with the variables it uses; `Err` lists syntax errors.
pub fn catalogue(source: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let resource =
        fluent_syntax::parser::parse(source).map_err(|(_, errors)| format!("{errors:?}"))?;
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(message) = entry {
            let mut vars = BTreeSet::new();
            if let Some(pattern) = &message.value {
                pattern_vars(pattern, &mut vars);
            }
            out.insert(message.id.name.to_owned(), vars);
        }
    }
    Ok(out)
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_id_with_the_same_variables() {
        let en = catalogue(SOURCES[2].1).expect("en parses");
        assert!(en.len() > 10);
        for (lang, source) in SOURCES {
            let other =
                catalogue(source).unwrap_or_else(|e| panic!("{lang:?} does not parse: {e}"));
            let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang:?}: missing {missing:?}, extra {extra:?}"
            );
            for (id, vars) in &en {
                assert_eq!(&other[id], vars, "{lang:?} {id}: different arguments");
            }
        }
    }

    #[test]
    fn plurals_and_arguments_render() {
        let i = get();
        assert_eq!(
            i.tr_args(Lang::En, "lock-wrong-pin", &[("left", Arg::Num(1))]),
            "Wrong PIN. 1 attempt left before the lock-out."
        );
        assert_eq!(
            i.tr_args(Lang::Ru, "lock-wrong-pin", &[("left", Arg::Num(3))]),
            "Неверный PIN. До блокировки осталось 3 попытки."
        );
        assert_eq!(
            i.tr_args(Lang::Ru, "lock-wrong-pin", &[("left", Arg::Num(5))]),
            "Неверный PIN. До блокировки осталось 5 попыток."
        );
        assert_eq!(i.tr(Lang::Kk, "lock-title"), "Станция құлыпталған");
        assert_eq!(i.tr(Lang::En, "no-such-id"), "no-such-id");
        for (lang, source) in SOURCES {
            for (id, vars) in catalogue(source).expect("parses") {
                // Every variable the message uses gets a value (a number selects plurals).
                let args: Vec<(&str, Arg<'_>)> =
                    vars.iter().map(|v| (v.as_str(), Arg::Num(2))).collect();
                let text = i.tr_args(lang, &id, &args);
                assert!(
                    !text.is_empty() && !text.contains('{') && text != id,
                    "{lang:?} {id}: {text}"
                );
            }
        }
    }
}
