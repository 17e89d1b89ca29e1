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

/// Every language's bundle, each parsed the first time its language is shown (the lock screen
/// needs one; parsing all three took half a millisecond of start-up).
pub struct I18n {
    bundles: [OnceLock<FluentBundle<FluentResource>>; 3],
}

impl I18n {
    fn load() -> I18n {
        I18n {
            bundles: [OnceLock::new(), OnceLock::new(), OnceLock::new()],
        }
    }

    /// The bundle of `lang`, parsed on first use.
    fn bundle(&self, lang: Lang) -> Option<&FluentBundle<FluentResource>> {
        let ix = SOURCES.iter().position(|(l, _)| *l == lang)?;
        Some(self.bundles.get(ix)?.get_or_init(|| {
            let source = SOURCES[ix].1;
            // A resource with syntax errors still yields every message that parsed.
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
            let id = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // No Unicode isolation marks: the fonts would draw them as boxes.
            bundle.set_use_isolating(false);
            let _ = bundle.add_resource(resource);
            bundle
        }))
    }

    /// The text of message `id` in `lang`.
    pub fn tr(&self, lang: Lang, id: &str) -> String {
        self.tr_args(lang, id, &[])
    }

    /// The text of message `id` in `lang` with arguments.
    pub fn tr_args(&self, lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let Some(bundle) = self.bundle(lang) else {
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

/// The bundles (each parsed on first use).
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

    /// Start-up parses the language the lock screen shows, not all three.
    #[test]
    fn a_language_is_parsed_when_first_shown() {
        let i = I18n::load();
        assert_eq!(i.tr(Lang::Kk, "lock-title"), "Станция құлыпталған");
        assert!(i.bundles[0].get().is_some());
        assert!(i.bundles[1].get().is_none() && i.bundles[2].get().is_none());
        assert_eq!(i.tr(Lang::En, "lock-title"), "Station locked");
        assert!(i.bundles[2].get().is_some());
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

    /// Numbers that take every Russian plural form and its edges.
    const NUMBERS: [i64; 9] = [0, 1, 2, 5, 11, 21, 22, 25, 111];

    /// A real value for each argument a message takes (numbers are tried with `NUMBERS`).
    fn real_value(var: &str) -> Option<&'static str> {
        Some(match var {
            "time" | "due" | "used" | "lost" | "given" | "lasted" | "owed" | "charged" => "0:09:59",
            "times" => "60, 120, 180",
            "tasks" => "3, 7, 12",
            "subject" => "Математика",
            "language" => "қазақ тілі",
            "screen" | "phase" | "state" => "тестілеу",
            "mark" => "Ұлттық ЖОО",
            "receipt" => "4821-0937",
            "pin" => "2468",
            "code" => "RX4K-9MTQ",
            "name" | "station" => "Айгерім Серікқызы",
            "seat" => "14",
            "package" => "unt-2024-demo",
            "error" | "reason" | "cause" | "what" | "meaning" | "dir" | "fs" | "version" => {
                "диск толып қалды"
            }
            "answer" => "B, D",
            "formula" | "cation" | "anion" | "value" => "BaSO₄",
            _ => return None,
        })
    }

    fn render(lang: Lang, id: &str, args: &FluentArgs<'_>) -> Result<String, String> {
        let i = get();
        let bundle = i.bundle(lang).expect("a bundle");
        let pattern = bundle
            .get_message(id)
            .and_then(|m| m.value())
            .ok_or_else(|| format!("{lang:?} {id}: no such message"))?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(args), &mut errors);
        if !errors.is_empty() || text.is_empty() || text.contains('{') {
            return Err(format!("{lang:?} {id}: {text:?} {errors:?}"));
        }
        Ok(text.into_owned())
    }

    #[test]
    fn every_message_renders_with_real_values_and_every_number_in_every_language() {
        let mut rendered = 0;
        for (lang, source) in SOURCES {
            for (id, vars) in catalogue(source).expect("parses") {
                for n in NUMBERS {
                    let mut args = FluentArgs::new();
                    for v in &vars {
                        match real_value(v) {
                            Some(text) => args.set(v.as_str(), FluentValue::from(text)),
                            None => args.set(v.as_str(), FluentValue::from(n)),
                        }
                    }
                    render(lang, &id, &args).unwrap_or_else(|e| panic!("{e}"));
                    rendered += 1;
                }
            }
        }
        assert!(rendered > 3 * 9 * 300, "{rendered}");
    }

    /// Every Russian selector on a number names one, few, many and other.
    #[test]
    fn every_russian_plural_names_every_form() {
        let resource = fluent_syntax::parser::parse(SOURCES[1].1).expect("ru parses");
        let mut selectors = 0;
        for entry in resource.body {
            let ast::Entry::Message(message) = entry else {
                continue;
            };
            let Some(pattern) = &message.value else {
                continue;
            };
            for element in &pattern.elements {
                let ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { variants, .. },
                } = element
                else {
                    continue;
                };
                selectors += 1;
                let keys: Vec<&str> = variants
                    .iter()
                    .filter_map(|v| match &v.key {
                        ast::VariantKey::Identifier { name } => Some(*name),
                        ast::VariantKey::NumberLiteral { .. } => None,
                    })
                    .collect();
                for form in ["one", "few", "many", "other"] {
                    assert!(
                        keys.contains(&form),
                        "ru {}: no [{form}] among {keys:?}",
                        message.id.name
                    );
                }
            }
        }
        assert!(selectors >= 12, "{selectors}");
    }

    #[test]
    fn russian_numbers_agree_with_their_words() {
        let ru = |id: &str, var: &str, n: i64| {
            let mut args = FluentArgs::new();
            args.set(var, FluentValue::from(n));
            for v in ["mark", "tasks"] {
                args.set(v, FluentValue::from(real_value(v).unwrap_or("")));
            }
            render(Lang::Ru, id, &args).unwrap_or_else(|e| panic!("{e}"))
        };
        let cases: [(&str, &str, i64, &str); 14] = [
            (
                "checkin-extra-time",
                "minutes",
                1,
                "1 дополнительную минуту",
            ),
            (
                "checkin-extra-time",
                "minutes",
                21,
                "21 дополнительную минуту",
            ),
            (
                "checkin-extra-time",
                "minutes",
                22,
                "22 дополнительные минуты",
            ),
            ("checkin-extra-time", "minutes", 5, "5 дополнительных минут"),
            (
                "checkin-extra-time",
                "minutes",
                11,
                "11 дополнительных минут",
            ),
            (
                "checkin-extra-time",
                "minutes",
                111,
                "111 дополнительных минут",
            ),
            ("briefing-rule-appeal", "minutes", 21, "в течение 21 минуты"),
            ("briefing-rule-appeal", "minutes", 25, "в течение 25 минут"),
            ("lock-wrong-pin", "left", 21, "осталась 21 попытка"),
            ("lock-locked-out", "seconds", 11, "11 секунд."),
            ("review-pass-met", "points", 21, "21 балл —"),
            ("review-pass-met", "points", 22, "22 балла —"),
            ("review-pass-met", "points", 65, "65 баллов —"),
            ("finish-unanswered", "count", 111, "Без ответа 111 заданий"),
        ];
        for (id, var, n, words) in cases {
            let text = ru(id, var, n);
            assert!(text.contains(words), "{id} {n}: {text}");
        }
    }

    /// A number never parts from the word after it at a line end, and a Kazakh case ending is
    /// never fixed after a number the message does not know (it agrees with the number's sound).
    #[test]
    fn a_number_keeps_its_word_and_no_kazakh_ending_is_fixed_after_a_value() {
        for (lang, source) in SOURCES {
            let resource = fluent_syntax::parser::parse(source).expect("parses");
            for entry in resource.body {
                let ast::Entry::Message(message) = entry else {
                    continue;
                };
                let Some(pattern) = &message.value else {
                    continue;
                };
                let id = message.id.name;
                for pair in pattern.elements.windows(2) {
                    let [
                        ast::PatternElement::Placeable { .. },
                        ast::PatternElement::TextElement { value },
                    ] = pair
                    else {
                        continue;
                    };
                    assert!(
                        !value.starts_with('-'),
                        "{lang:?} {id}: a breakable hyphen after a value: {value:?}"
                    );
                    if let Some(word) = value.strip_prefix('\u{2011}') {
                        assert!(
                            word.starts_with("тапсырма"),
                            "{lang:?} {id}: an ending fixed after a value: {value:?}"
                        );
                    }
                }
            }
            for (id, vars) in catalogue(source).expect("parses") {
                let mut args = FluentArgs::new();
                for v in &vars {
                    match real_value(v) {
                        Some(text) => args.set(v.as_str(), FluentValue::from(text)),
                        None => args.set(v.as_str(), FluentValue::from(6)),
                    }
                }
                let text = render(lang, &id, &args).unwrap_or_else(|e| panic!("{e}"));
                // A number standing alone (not part of a name such as unt-2024-demo).
                let chars: Vec<char> = text.chars().collect();
                let mut start = 0;
                while start < chars.len() {
                    let end = start
                        + chars[start..]
                            .iter()
                            .take_while(|c| c.is_ascii_digit())
                            .count();
                    let alone = start == 0
                        || !(chars[start - 1].is_alphanumeric() || chars[start - 1] == '-');
                    if end > start && alone && end + 1 < chars.len() {
                        assert!(
                            !(chars[end] == '-' && chars[end + 1].is_alphabetic()),
                            "{lang:?} {id}: a number and its word may part at a line end: {text}"
                        );
                    }
                    start = end.max(start + 1);
                }
            }
        }
    }
}
