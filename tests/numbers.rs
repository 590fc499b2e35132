//! Property tests: any decimal written the Indonesian way reads back to
//! itself, exactly; no token makes the reader panic.

use proptest::prelude::*;
use renaksi::number::{parse, parse_as, to_indonesian, NumberKind, Parsed};
use rust_decimal::Decimal;

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=8).prop_map(|(m, scale)| Decimal::new(m, scale))
}

proptest! {
    #[test]
    fn indonesian_round_trip(d in decimal()) {
        let written = to_indonesian(&d);
        match parse(&written) {
            Parsed::Number(n) => {
                prop_assert_eq!(n.value, d, "{}", written);
                prop_assert_eq!(n.value.scale(), d.scale(), "{}", written);
            }
            other => prop_assert!(false, "{written} read as {other:?}"),
        }
    }

    #[test]
    fn money_round_trip_with_decorations(m in 0i64..1_000_000_000_000, cents in any::<bool>()) {
        let d = if cents { Decimal::new(m, 2) } else { Decimal::from(m) };
        let plain = to_indonesian(&d);
        for written in [format!("Rp {plain}"), format!("Rp. {plain}"), format!("({plain})"), format!("{plain},-")] {
            if written.ends_with(",-") && cents {
                continue;
            }
            let want = if written.starts_with('(') { -d } else { d };
            prop_assert_eq!(parse_as(&written, NumberKind::Money).number(), Some(want), "{}", written);
        }
    }

    /// Percentages under a thousand (a thousands group in a percent column
    /// is ambiguous, and read as a decimal: see `ambiguity_is_decided_by_column`).
    #[test]
    fn percent_round_trip(m in 0i64..100_000, scale in 0u32..=2) {
        let d = Decimal::new(m, scale);
        prop_assume!(d < Decimal::from(1000));
        let written = format!("{} %", to_indonesian(&d));
        prop_assert_eq!(parse_as(&written, NumberKind::Percent).number(), Some(d), "{}", written);
    }

    #[test]
    fn any_token_reads_without_panic(s in "\\PC{0,40}") {
        for kind in [NumberKind::Any, NumberKind::Money, NumberKind::Count, NumberKind::Percent] {
            let _ = parse_as(&s, kind);
        }
    }

    #[test]
    fn numberish_tokens_read_without_panic(s in "[0-9.,()%Rp \\-–]{0,30}") {
        if let Parsed::Number(n) = parse(&s) {
            // A number read from these characters has at most the digits written.
            let digits = s.chars().filter(char::is_ascii_digit).count();
            prop_assert!(n.value.mantissa().unsigned_abs().to_string().len() <= digits.max(1));
        }
    }
}

#[test]
fn ambiguity_is_decided_by_column() {
    let read = |t: &str, k| parse_as(t, k).number().map(|d| d.to_string());
    assert_eq!(
        read("1.000 %", NumberKind::Percent).as_deref(),
        Some("1.000")
    );
    assert_eq!(read("1.000", NumberKind::Money).as_deref(), Some("1000"));
    assert_eq!(read("1.000", NumberKind::Count).as_deref(), Some("1000"));
}
