//! Every template's test cases pass on the flow it starts.

use flow_model::templates::TEMPLATES;
use flow_simulator::tests_in;

#[test]
fn each_template_passes_its_own_test_cases() {
    for template in TEMPLATES {
        let started = template.start().unwrap();
        let cases = tests_in(&started.payload).unwrap();
        assert!(!cases.is_empty(), "{}", template.key);
        for case in cases {
            let outcome = case.check(&started.schema, 10_000).unwrap();
            assert_eq!(outcome, None, "{}: {}", template.key, case.name);
        }
    }
}
