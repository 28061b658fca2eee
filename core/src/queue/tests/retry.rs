use super::*;

#[test]
fn every_status_class() {
    for code in 200..=299 {
        assert_eq!(classify(&status(code)), Verdict::Delivered, "{code}");
    }
    for code in [408, 425, 429] {
        assert_eq!(classify(&status(code)), Verdict::Retry, "{code}");
    }
    for code in 500..=599 {
        assert_eq!(classify(&status(code)), Verdict::Retry, "{code}");
    }
    for code in (400..=499).filter(|c| ![408, 425, 429].contains(c)) {
        assert_eq!(classify(&status(code)), Verdict::Reject, "{code}");
    }
    for code in [0, 100, 101, 199, 300, 301, 304, 308, 399, 600, 999] {
        assert_eq!(classify(&status(code)), Verdict::Retry, "{code}");
    }
    assert_eq!(classify(&Outcome::Timeout), Verdict::Retry);
    assert_eq!(
        classify(&Outcome::NetworkError("Failed to fetch".into())),
        Verdict::Retry
    );
}

#[test]
fn delivered_removes() {
    let i = item(ID, T0);
    assert_eq!(after_attempt(&i, &status(201), T0, 0.5), Next::Remove);
    assert_eq!(after_attempt(&i, &status(200), T0, 0.5), Next::Remove);
}

#[test]
fn retry_schedules_and_records() {
    let i = begin_attempt(&item(ID, T0), "tab-a", T0);
    let n = updated(after_attempt(&i, &status(503), T0 + 100.0, 0.0));
    assert_eq!(n.attempts, 1);
    assert_eq!(n.state, ItemState::Pending);
    assert_eq!(n.next_attempt_ms, T0 + 100.0 + 2_000.0);
    let e = n.last_error.as_ref().unwrap();
    assert_eq!(e.status, Some(503));
    assert_eq!(e.at_ms, T0 + 100.0);
    assert!(e.message.contains("503") && e.message.contains("will retry"));
    let n2 = updated(after_attempt(&n, &Outcome::Timeout, T0 + 5_000.0, 1.0));
    assert_eq!(n2.attempts, 2);
    assert_eq!(n2.next_attempt_ms, T0 + 5_000.0 + 8_000.0);
    assert!(n2.last_error.unwrap().message.contains("15 seconds"));
}

#[test]
fn reject_keeps_item_for_staff() {
    let i = item(ID, T0);
    let out = Outcome::Status {
        code: 422,
        retry_after: None,
        detail: Some(r#"{"error":"`ratings.food` must be 1 to 5"}"#.into()),
    };
    let n = updated(after_attempt(&i, &out, T0, 0.3));
    match &n.state {
        ItemState::Rejected {
            status,
            detail,
            at_ms,
        } => {
            assert_eq!(*status, 422);
            assert!(detail.contains("ratings.food"));
            assert_eq!(*at_ms, T0);
        }
        s => panic!("{s:?}"),
    }
    assert_eq!(n.attempts, 1);
    assert!(n
        .last_error
        .as_ref()
        .unwrap()
        .message
        .contains("not retried"));
    // A rejected item is never due by itself, even much later.
    assert!(due(std::slice::from_ref(&n), T0 + 1e12).is_empty());
    assert_eq!(next_wake_ms(std::slice::from_ref(&n), T0), None);
}

#[test]
fn redirect_is_retried_with_a_clear_error() {
    let n = updated(after_attempt(&item(ID, T0), &status(302), T0, 0.0));
    assert_eq!(n.state, ItemState::Pending);
    assert!(n
        .last_error
        .unwrap()
        .message
        .contains("unexpected answer 302"));
}

#[test]
fn same_id_and_payload_across_attempts() {
    let mut i = item(ID, T0);
    let outcomes = [
        Outcome::NetworkError("offline".into()),
        Outcome::Timeout,
        status(500),
        status(429),
        status(400),
    ];
    for (k, o) in outcomes.iter().enumerate() {
        i = begin_attempt(&i, "tab", T0 + k as f64);
        i = updated(after_attempt(&i, o, T0 + k as f64, 0.5));
        assert_eq!(i.id, ID);
        assert_eq!(i.payload, payload(ID));
        assert_eq!(i.created_ms, T0);
        assert_eq!(i.attempts, k as u32 + 1);
    }
}

#[test]
fn backoff_bounds_and_growth() {
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut rand = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut prev_mean = 0.0;
    for attempts in 0..=40 {
        let mut sum = 0.0;
        for _ in 0..2_000 {
            let d = backoff_ms(attempts, rand());
            assert!((2_000.0..=300_000.0).contains(&d), "{attempts}: {d}");
            assert!(d <= backoff_cap_ms(attempts));
            sum += d;
        }
        let mean = sum / 2_000.0;
        if (2..=8).contains(&attempts) {
            assert!(mean > prev_mean, "mean grows: {attempts}");
        }
        prev_mean = mean;
    }
    assert_eq!(backoff_cap_ms(1), 4_000.0);
    assert_eq!(backoff_cap_ms(2), 8_000.0);
    assert_eq!(backoff_cap_ms(7), 256_000.0);
    assert_eq!(backoff_cap_ms(8), 300_000.0);
    assert_eq!(backoff_cap_ms(u32::MAX), 300_000.0);
    for r in [f64::NAN, -1.0, 2.0, f64::INFINITY, f64::NEG_INFINITY] {
        let d = backoff_ms(u32::MAX, r);
        assert!((2_000.0..=300_000.0).contains(&d), "{r}");
    }
    assert_eq!(backoff_ms(3, 0.0), 2_000.0);
    assert_eq!(backoff_ms(3, 1.0), 16_000.0);
}

#[test]
fn retry_after_delta_seconds() {
    assert_eq!(parse_retry_after("120", T0), Some(120_000.0));
    assert_eq!(parse_retry_after(" 0 ", T0), Some(0.0));
    assert_eq!(
        parse_retry_after("99999999999999999999999", T0),
        Some(3_600_000.0)
    );
    assert_eq!(parse_retry_after("7200", T0), Some(3_600_000.0));
}

#[test]
fn retry_after_http_date() {
    // 1994-11-06T08:49:37Z = 784111777 s.
    let at = 784_111_777_000.0;
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at - 30_000.0),
        Some(30_000.0)
    );
    // In the past: at once.
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at + 5_000.0),
        Some(0.0)
    );
    // Far future: capped.
    assert_eq!(
        parse_retry_after("Fri, 31 Dec 2100 23:59:59 GMT", T0),
        Some(3_600_000.0)
    );
    assert_eq!(
        parse_retry_after("Tue, 24 Nov 2026 19:30:15 GMT", 1_795_548_605_000.0),
        Some(10_000.0)
    );
}

#[test]
fn retry_after_garbage() {
    for h in [
        "",
        "   ",
        "-5",
        "1.5",
        "soon",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT",
        "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sun, 0x Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMTé",
        "日日日, 06 Nov 1994 08:49:37 GMT",
    ] {
        assert_eq!(parse_retry_after(h, T0), None, "{h:?}");
    }
}

#[test]
fn retry_after_is_honoured() {
    let out = pause(429, "60");
    let n = updated(after_attempt(&item(ID, T0), &out, T0, 1.0));
    assert_eq!(n.next_attempt_ms, T0 + 60_000.0);
    assert_eq!(n.retry_after_until_ms, Some(T0 + 60_000.0));
    // Backoff wins when longer.
    let mut old = item(ID, T0);
    old.attempts = 10;
    let out = pause(503, "1");
    let n = updated(after_attempt(&old, &out, T0, 1.0));
    assert_eq!(n.next_attempt_ms, T0 + 300_000.0);
    // Garbage is ignored.
    let out = pause(503, "later");
    let n = updated(after_attempt(&item(ID, T0), &out, T0, 0.0));
    assert_eq!(n.next_attempt_ms, T0 + 2_000.0);
    assert_eq!(n.retry_after_until_ms, None);
}

#[test]
fn wake_respects_retry_after_but_not_backoff() {
    let out = pause(503, "60");
    let n = updated(after_attempt(&item(ID, T0), &out, T0, 0.0));
    assert_eq!(n.next_attempt_ms, T0 + 60_000.0);
    assert_eq!(wake(&n, T0 + 1_000.0), None);
    let n = updated(after_attempt(&item(ID, T0), &Outcome::Timeout, T0, 1.0));
    let w = wake(&n, T0 + 1_000.0).unwrap();
    assert_eq!(w.next_attempt_ms, T0 + 1_000.0);
    assert_eq!(wake(&w, T0 + 1_000.0), None);
    let r = updated(after_attempt(&item(ID, T0), &status(404), T0, 0.0));
    assert_eq!(wake(&r, T0 + 1_000.0), None);
}

#[test]
fn retry_now_revives_rejected_and_pending() {
    let r = updated(after_attempt(&item(ID, T0), &status(400), T0, 0.0));
    let p = retry_now(&r, T0 + 10.0);
    assert_eq!(p.state, ItemState::Pending);
    assert_eq!(due(std::slice::from_ref(&p), T0 + 10.0), vec![ID]);
    assert_eq!(p.attempts, 1);
    let out = pause(503, "3600");
    let w = updated(after_attempt(&item(ID, T0), &out, T0, 0.0));
    assert!(due(std::slice::from_ref(&w), T0 + 10.0).is_empty());
    let p = retry_now(&w, T0 + 10.0);
    assert_eq!(due(std::slice::from_ref(&p), T0 + 10.0), vec![ID]);
    let s = begin_attempt(&item(ID, T0), "tab", T0);
    assert_eq!(retry_now(&s, T0 + 10.0), s);
}

#[test]
fn wake_goes_below_backoff_down_to_retry_after() {
    let mut old = item(ID, T0);
    old.attempts = 10;
    let out = pause(503, "60");
    let n = updated(after_attempt(&old, &out, T0, 1.0));
    assert_eq!(n.next_attempt_ms, T0 + 300_000.0);
    assert_eq!(wake(&n, T0 + 1.0).unwrap().next_attempt_ms, T0 + 60_000.0);
    assert_eq!(
        wake(&n, T0 + 100_000.0).unwrap().next_attempt_ms,
        T0 + 100_000.0
    );
}

#[test]
fn long_details_are_cut() {
    let out = Outcome::Status {
        code: 400,
        retry_after: None,
        detail: Some("x".repeat(10_000)),
    };
    let n = updated(after_attempt(&item(ID, T0), &out, T0, 0.0));
    let ItemState::Rejected { detail, .. } = n.state else {
        panic!()
    };
    assert_eq!(detail.chars().count(), DETAIL_MAX_CHARS + 1);
}
