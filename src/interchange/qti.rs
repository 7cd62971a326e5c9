//! IMS QTI 1.2, as Canvas, Blackboard and Moodle's QTI plugins import it: a zip holding
//! `imsmanifest.xml` and one assessment. Every item says its Canvas question type
//! (`multiple_choice_question`, `true_false_question`, `short_answer_question`,
//! `numerical_question`, `matching_question`) in its metadata and scores 100 when right.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;

use super::export::{Exported, Question, quiz_questions, stable_hash};
use crate::deck::{Card, Deck};

/// Text and attribute values escaped for XML (`&`, `<`, `>`, `"`).
fn xml(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

/// `<material>` holding `text`.
fn material(text: &str) -> String {
    format!(
        "<material><mattext texttype=\"text/plain\">{}</mattext></material>",
        xml(text)
    )
}

/// The condition that scores a right reply to `respident` as 100.
fn scores(condition: &str) -> String {
    format!(
        "<respcondition continue=\"No\"><conditionvar>{condition}</conditionvar>\
         <setvar action=\"Set\" varname=\"SCORE\">100</setvar></respcondition>"
    )
}

/// A single choice among `options` (each an ident and a text); `right` is the right ident.
fn choice(options: &[(String, String)], right: &str) -> (String, String) {
    let labels: String = options
        .iter()
        .map(|(ident, text)| {
            format!(
                "<response_label ident=\"{}\">{}</response_label>",
                xml(ident),
                material(text)
            )
        })
        .collect();
    (
        format!(
            "<response_lid ident=\"response1\" rcardinality=\"Single\"><render_choice>{labels}</render_choice></response_lid>"
        ),
        scores(&format!(
            "<varequal respident=\"response1\">{}</varequal>",
            xml(right)
        )),
    )
}

/// The item of one question: its type, its presentation after the question text, and how a
/// reply is scored.
fn item(id: &str, question: &Question) -> String {
    let (kind, response, conditions) = match question {
        Question::Choice { right, wrong, .. } => {
            let mut options: Vec<(String, String)> = std::iter::once(right)
                .chain(wrong)
                .enumerate()
                .map(|(i, text)| (format!("{id}-{i}"), text.clone()))
                .collect();
            options.shuffle(&mut ChaCha8Rng::seed_from_u64(stable_hash(&[id])));
            let (response, condition) = choice(&options, &format!("{id}-0"));
            ("multiple_choice_question", response, condition)
        }
        Question::TrueFalse { answer, .. } => {
            let options = [
                (format!("{id}-true"), "True".to_owned()),
                (format!("{id}-false"), "False".to_owned()),
            ];
            let right = if *answer { &options[0].0 } else { &options[1].0 };
            let (response, condition) = choice(&options, right);
            ("true_false_question", response, condition)
        }
        Question::Short { answers, .. } => {
            let any: String = answers
                .iter()
                .map(|a| format!("<varequal respident=\"response1\">{}</varequal>", xml(a)))
                .collect();
            (
                "short_answer_question",
                "<response_str ident=\"response1\" rcardinality=\"Single\"><render_fib><response_label ident=\"answer1\" rshuffle=\"No\"/></render_fib></response_str>".to_owned(),
                scores(&format!("<or>{any}</or>")),
            )
        }
        Question::Numeric { answer, .. } => (
            "numerical_question",
            "<response_str ident=\"response1\" rcardinality=\"Single\"><render_fib fibtype=\"Decimal\"><response_label ident=\"answer1\"/></render_fib></response_str>".to_owned(),
            scores(&format!("<varequal respident=\"response1\">{answer}</varequal>")),
        ),
        Question::Matching { pairs, .. } => {
            let options: String = pairs
                .iter()
                .enumerate()
                .map(|(i, (_, right))| {
                    format!("<response_label ident=\"{}\">{}</response_label>", xml(&format!("{id}-item{i}")), material(right))
                })
                .collect();
            let mut response = String::new();
            let mut condition = String::new();
            for (i, (left, _)) in pairs.iter().enumerate() {
                let _ = write!(
                    response,
                    "<response_lid ident=\"response{i}\">{}<render_choice>{options}</render_choice></response_lid>",
                    material(left)
                );
                let _ = write!(
                    condition,
                    "<varequal respident=\"response{i}\">{}</varequal>",
                    xml(&format!("{id}-item{i}"))
                );
            }
            ("matching_question", response, scores(&format!("<and>{condition}</and>")))
        }
    };
    format!(
        "<item ident=\"{ident}\" title=\"{ident}\"><itemmetadata><qtimetadata><qtimetadatafield>\
         <fieldlabel>question_type</fieldlabel><fieldentry>{kind}</fieldentry>\
         </qtimetadatafield><qtimetadatafield><fieldlabel>points_possible</fieldlabel>\
         <fieldentry>1</fieldentry></qtimetadatafield></qtimetadata></itemmetadata>\
         <presentation>{text}{response}</presentation><resprocessing><outcomes>\
         <decvar maxvalue=\"100\" minvalue=\"0\" varname=\"SCORE\" vartype=\"Decimal\"/></outcomes>\
         {conditions}</resprocessing></item>\n",
        ident = xml(id),
        text = material(question.text()),
    )
}

/// The QTI package of `cards`: a question an item, as GIFT has them.
///
/// # Errors
/// A failure of the zip writer.
pub fn export(deck: &Deck, cards: &[&Card]) -> Result<Exported, String> {
    let (questions, notes) = quiz_questions(deck, cards, false);
    let ident = xml(&format!("recall-{}", deck.id));
    let mut assessment = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <questestinterop xmlns=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2\">\n\
         <assessment ident=\"{ident}\" title=\"{}\"><section ident=\"root_section\">\n",
        xml(&deck.title)
    );
    for (id, question) in &questions {
        assessment.push_str(&item(id, question));
    }
    assessment.push_str("</section></assessment></questestinterop>\n");
    let manifest = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <manifest identifier=\"{ident}-manifest\" xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\">\n\
         <metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>\n\
         <organizations/>\n<resources>\n\
         <resource identifier=\"{ident}\" type=\"imsqti_xmlv1p2\" href=\"assessment.xml\">\
         <file href=\"assessment.xml\"/></resource>\n</resources>\n</manifest>\n"
    );
    let zipped = (|| -> zip::result::ZipResult<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("imsmanifest.xml", options)?;
        zip.write_all(manifest.as_bytes())?;
        zip.start_file("assessment.xml", options)?;
        zip.write_all(assessment.as_bytes())?;
        Ok(zip.finish()?.into_inner())
    })()
    .map_err(|e| format!("cannot write the package: {e}"))?;
    Ok(Exported {
        bytes: zipped,
        count: questions.len(),
        notes,
    })
}
