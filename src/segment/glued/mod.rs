//! Headings glued to the sentence after them.
//!
//! Text copied from a web page or a PDF often loses the line break after a heading, a
//! subtitle or a caption, and nothing marks the end of the heading any more:
//! `…aseguró la victoria Un Livingston promocionado impresionó…`. No rule of one language can
//! tell that from a name (`la Casa Blanca`), but the translation can: if the other side has a
//! sentence boundary, or the same kind of break, at the place where the alignment puts the
//! two halves in different units, the break is real.
//!
//! This module finds the possible breaks of one language ([`soft_breaks`]) and, given an
//! alignment of the pieces they cut, keeps those the other side confirms
//! ([`confirmed`]). The pipeline (`align_checked`, `align_texts`) aligns the document first,
//! then tries the breaks unit by unit, when the inputs are running text (not
//! `--presegmented`).

mod decide;
mod find;
mod words;

pub use decide::{apply, confirmed, pieces, SideBreaks};
pub use find::soft_breaks;

/// A place inside a sentence where a heading may end: the byte offset (in the document
/// text) where the next part starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoftBreak {
    /// The sentence it lies in.
    pub sentence: usize,
    /// Byte offset in the document text of the first character after the break.
    pub at: usize,
    /// How much the break says on its own.
    pub strength: Strength,
}

/// How sure a possible break is, from its own side alone. Where the alignment puts the two
/// parts in different units, the break is kept when its strength and that of the other
/// side's boundary there (a sentence end counts 6) add up to at least 6: a sentence end
/// confirms anything, a strong break confirms a weak or strong one, two weak openers agree,
/// and two weak breaks, or a faint one without a sentence end facing it, are not enough. A
/// run-in heading's end is kept only against another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A capitalised `A` (`reinjected A trial vaccine`): as often a title (`his lecture A
    /// technological view`), a grade or a vitamin as a new sentence.
    Faint = 0,
    /// A capitalised common word, a name's possessive, or a word after an abbreviation's
    /// full stop.
    Weak = 2,
    /// A word that opens sentences after a comma or a name (`Sorteo | Los octavos`), or
    /// before a name (`victoria | Un Livingston`): two of them facing each other agree.
    WeakOpener = 3,
    /// A word that opens sentences (`The`, `Una`, `Cuando`) followed by a lower-case word,
    /// after a lower-case word.
    Strong = 4,
    /// The end of a run-in heading (`Visual flight: | According to…`): kept only where the
    /// other side has a run-in heading too. Where the translation ends a sentence instead
    /// (`El invierno hiela Alemania: En casi…` against `The winter freeze in Germany. In…`),
    /// the colon was the writer's, not a heading's.
    RunIn = 8,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Lang, Sentence};

    #[test]
    fn breaks_come_sorted_by_offset_when_a_run_in_heading_ends_after_another_break() {
        // A run-in label (a colon, then a sentence) holding a capitalised word after a
        // comma: the run-in end is found first but lies after (found by tests/properties.rs).
        let text = "The 2 ,  ñáieúíóé The íááóñí óeéúuñéú í pú ééáúñáñí ññáówñápv :  Cuando A \
                    qvóúúáw úféóéóñáó .";
        let sentences = [Sentence {
            start: 0,
            end: text.len(),
            block: 0,
        }];
        let found = soft_breaks(text, &sentences, Lang::En);
        assert!(found.windows(2).all(|w| w[0].at < w[1].at), "{found:?}");
        let cut = pieces(text, &sentences, &found);
        assert!(cut.iter().all(|(s, _)| s.start <= s.end), "{cut:?}");
    }

    fn whole(text: &str) -> Vec<Sentence> {
        vec![Sentence {
            start: 0,
            end: text.len(),
            block: 0,
        }]
    }

    fn after(text: &str, breaks: &[SoftBreak]) -> Vec<(String, Strength)> {
        breaks
            .iter()
            .map(|b| {
                (
                    text[b.at..].split(' ').next().unwrap().to_string(),
                    b.strength,
                )
            })
            .collect()
    }

    #[test]
    fn a_heading_glued_to_its_paragraph_is_a_candidate_and_names_are_not() {
        let es = "El primer gol de Menga aseguró la victoria El equipo de Holt dominó el partido en la Casa Blanca del fútbol";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("El".to_string(), Strength::Strong)]);

        let en = "One in five children hide accounts, survey reveals Survey of pupils shows growth in pages The news has heightened fears";
        let b = soft_breaks(en, &whole(en), Lang::En);
        // "Survey" is a common word (the text has "survey") followed by a lower-case word.
        assert_eq!(
            after(en, &b),
            [
                ("Survey".to_string(), Strength::Weak),
                ("The".to_string(), Strength::Strong)
            ]
        );

        // A name, "I", an acronym, a quote and a word after punctuation are not candidates.
        let en = "Yesterday he said that I know the NATO rules and visited the White House in \"The Times\" today, The end";
        assert!(soft_breaks(en, &whole(en), Lang::En).is_empty());
    }

    #[test]
    fn breaks_after_a_name_a_comma_or_an_abbreviation_are_weak_and_a_is_faint() {
        let es = "reveló un crecimiento en las páginas de Instagram Las noticias han agudizado los temores";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("Las".to_string(), Strength::WeakOpener)]);
        // After a name, a word that does not open sentences is not a candidate.
        let es =
            "reveló un crecimiento en las páginas de Instagram Noticias han agudizado los temores";
        assert!(soft_breaks(es, &whole(es), Lang::Es).is_empty());

        let en = "goalkeeper Liam Kelly was largely untroubled, That pattern continued into the second half";
        let b = soft_breaks(en, &whole(en), Lang::En);
        assert_eq!(after(en, &b), [("That".to_string(), Strength::WeakOpener)]);
        // After a comma, only a word that opens sentences, before a lower-case word.
        let en = "goalkeeper Liam Kelly was largely untroubled, Kelly said in the second half";
        assert!(soft_breaks(en, &whole(en), Lang::En).is_empty());

        let es = "contrataron a personas para trabajar en I. A. Lee comentó que los cambios podrían ayudar";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("Lee".to_string(), Strength::Weak)]);
        // An ellipsis is not an abbreviation.
        let es = "contrataron a personas para trabajar en eso... Lee comentó que los cambios podrían ayudar";
        assert!(soft_breaks(es, &whole(es), Lang::Es).is_empty());

        let en = "a protein common to many cancers and then reinjected A trial vaccine is showing results";
        let b = soft_breaks(en, &whole(en), Lang::En);
        assert_eq!(after(en, &b), [("A".to_string(), Strength::Faint)]);
    }

    #[test]
    fn a_run_in_heading_opening_a_paragraph_is_a_strong_candidate() {
        let text = "Visual flight: According to the regulations the flight was visual. \
                    It's nothing new: The two justices have attended for years.";
        let first = text.find(" It's").unwrap();
        let sentences = [
            Sentence {
                start: 0,
                end: first,
                block: 0,
            },
            Sentence {
                start: first + 1,
                end: text.len(),
                block: 1,
            },
        ];
        // The second label has a verb: a clause, not a heading.
        let b = soft_breaks(text, &sentences, Lang::En);
        assert_eq!(
            after(text, &b),
            [("According".to_string(), Strength::RunIn)]
        );
        // Only the first sentence of a paragraph.
        let same_block = [
            sentences[0],
            Sentence {
                block: 0,
                ..sentences[1]
            },
        ];
        let text2 = text.replace("It's nothing new", "Nothing new here");
        let b = soft_breaks(&text2, &same_block, Lang::En);
        assert_eq!(b.len(), 1);

        let es = "Sobre la broma al Papa: Jobs narra la caja azul que construyó.";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("Jobs".to_string(), Strength::RunIn)]);
        for no in [
            "Peru: Fujimori hospitalized again for tests",
            "2004: A major quake struck the western coast.",
            "Doyle: \"I am keen to act as a voice for all.\"",
            "Her book \"Beauty: A History of the War\" begins with a charge.",
            "Watch: Sturridge.",
            "And still: Stuttgart 21 along with the new route is now being started.",
        ] {
            assert!(soft_breaks(no, &whole(no), Lang::En).is_empty(), "{no}");
        }
        let no = "Doyle dijo: Me gusta ser la portavoz de todos.";
        assert!(soft_breaks(no, &whole(no), Lang::Es).is_empty());
    }

    #[test]
    fn a_quotation_after_an_abbreviation_and_a_possessive_after_a_plain_word_are_weak() {
        let es =
            "podrían ayudar a intensificar sus iniciativas en I. A. “Pienso que a los doctores";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("“Pienso".to_string(), Strength::Weak)]);
        // Without the abbreviation, a quoted capitalised word is a title, not a break.
        let es = "podrían ayudar a intensificar sus iniciativas en “Pienso que a los doctores";
        assert!(soft_breaks(es, &whole(es), Lang::Es).is_empty());

        let en =
            "Livingston miss chances against blunt visitors Holt's team should have been ahead";
        let b = soft_breaks(en, &whole(en), Lang::En);
        assert_eq!(after(en, &b), [("Holt's".to_string(), Strength::Weak)]);
        for no in [
            "two penalty claims were made after Halkett's challenge on the substitute",
            "Flake was central in the drama after the moderate Republican's office issued it",
        ] {
            assert!(soft_breaks(no, &whole(no), Lang::En).is_empty(), "{no}");
        }
    }

    #[test]
    fn two_word_headings_questions_and_percentages_end_headings() {
        let es = "Menos exámenes Desde el comienzo de las protestas hablan de ello";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("Desde".to_string(), Strength::Strong)]);
        let es = "Las encuestas internas tienen una utilidad relativa ¿Las encuestas sirven?";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("¿Las".to_string(), Strength::Strong)]);
        let en = "State pension to rise by 2.5% According to Treasury estimates, someone loses";
        let b = soft_breaks(en, &whole(en), Lang::En);
        assert_eq!(after(en, &b), [("According".to_string(), Strength::Strong)]);
        // One word before is not a heading of its own.
        let es = "Sorteo Desde el comienzo de las protestas hablan de ello";
        assert!(soft_breaks(es, &whole(es), Lang::Es).is_empty());
    }

    #[test]
    fn titles_before_names_are_not_abbreviation_breaks() {
        let en = "as he faces re-election next year; Mr. Joko is also facing pressure from them";
        assert!(soft_breaks(en, &whole(en), Lang::En).is_empty());
        // Nor are middle initials.
        let en = "Le Devoir published a letter from Mr Patrick J. Garver, executive vice-president";
        assert!(soft_breaks(en, &whole(en), Lang::En).is_empty());
        let en = "the company said its shares in Apple Inc. The company is also facing pressure";
        assert_eq!(soft_breaks(en, &whole(en), Lang::En).len(), 1);
    }

    #[test]
    fn pieces_cover_the_sentence_and_confirmed_breaks_become_boundaries() {
        let text = "aseguró la victoria Un equipo ganó hoy aquí";
        let breaks = soft_breaks(text, &whole(text), Lang::Es);
        assert_eq!(breaks.len(), 1);
        let p = pieces(text, &whole(text), &breaks);
        let spans: Vec<&str> = p.iter().map(|(s, _)| &text[s.start..s.end]).collect();
        assert_eq!(spans, ["aseguró la victoria", "Un equipo ganó hoy aquí"]);
        assert_eq!(p[1].1, Some(0));
        let kept = apply(text, &whole(text), &breaks, &[true]);
        assert_eq!(kept.len(), 2);
        assert_eq!(&text[kept[0].start..kept[0].end], "aseguró la victoria");
        let not = apply(text, &whole(text), &breaks, &[false]);
        assert_eq!(not, whole(text));
    }

    #[test]
    fn a_weak_break_needs_a_sentence_end_or_strong_break_on_the_other_side() {
        // One break, 10 bytes into the first sentence.
        let one = |strength| {
            [SoftBreak {
                sentence: 0,
                at: 10,
                strength,
            }]
        };
        let weak = one(Strength::Weak);
        let strong = one(Strength::Strong);
        let units = [(0..1, 0..1), (1..2, 1..2)];
        // Weak against weak: not confirmed.
        let side = |breaks| SideBreaks {
            starts: &[None, Some(0)],
            breaks,
        };
        assert_eq!(
            confirmed(&side(&weak), &side(&weak), &units),
            (vec![false], vec![false])
        );
        // Weak against strong: both confirmed.
        assert_eq!(
            confirmed(&side(&weak), &side(&strong), &units),
            (vec![true], vec![true])
        );
        // Weak against a sentence end.
        let end = SideBreaks {
            starts: &[None, None],
            breaks: &[],
        };
        assert_eq!(confirmed(&side(&weak), &end, &units), (vec![true], vec![]));
        // A faint break needs a sentence end: a strong break is not enough, and neither is
        // kept.
        let faint = one(Strength::Faint);
        assert_eq!(
            confirmed(&side(&faint), &side(&strong), &units),
            (vec![false], vec![false])
        );
        assert_eq!(confirmed(&side(&faint), &end, &units), (vec![true], vec![]));
        // Two weak openers agree; a weak opener and a weak break do not.
        let opener = one(Strength::WeakOpener);
        assert_eq!(
            confirmed(&side(&opener), &side(&opener), &units),
            (vec![true], vec![true])
        );
        assert_eq!(
            confirmed(&side(&opener), &side(&weak), &units),
            (vec![false], vec![false])
        );
        // A run-in heading's end is kept against another, not against a sentence end.
        let run_in = one(Strength::RunIn);
        assert_eq!(
            confirmed(&side(&run_in), &side(&run_in), &units),
            (vec![true], vec![true])
        );
        assert_eq!(
            confirmed(&side(&run_in), &end, &units),
            (vec![false], vec![])
        );
        assert_eq!(
            confirmed(&side(&run_in), &side(&strong), &units),
            (vec![false], vec![false])
        );
        // A break next to a unit with an empty side is not confirmed.
        let units = [(0..1, 0..0), (1..2, 0..2)];
        assert_eq!(
            confirmed(&side(&strong), &end, &units),
            (vec![false], vec![])
        );
    }
}
