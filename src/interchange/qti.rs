//! IMS QTI 1.2, as Canvas, Blackboard and Moodle's QTI plugins import it: a zip holding
//! `imsmanifest.xml` and one assessment. Every item says its Canvas question type
//! (`multiple_choice_question`, `true_false_question`, `short_answer_question`,
//! `numerical_question`, `matching_question`) in its metadata and scores 100 when right.
//! A question's picture goes into the package under `media/`, listed in the manifest, and
//! into the question's `<material>` as a `<matimage>` after its text.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::path::Path;

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;

use super::export::{Exported, Question, quiz_questions, stable_hash};
use crate::deck::{Card, Deck, Picture};

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

/// The item of one question: its type, its presentation after the question text (and its
/// picture, `(file in the package, media type, picture)`), and how a reply is scored.
fn item(id: &str, question: &Question, picture: Option<(&str, &str, &Picture)>) -> String {
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
        text = match picture {
            None => material(question.text()),
            Some((file, mime, picture)) => format!(
                "<material><mattext texttype=\"text/plain\">{}</mattext>\
                 <matimage imagtype=\"{mime}\" uri=\"{}\" label=\"{}\"/></material>",
                xml(question.text()),
                xml(file),
                xml(&picture.alt)
            ),
        },
    )
}

/// The files of the question pictures of `questions`, read from `folder` with every check
/// of `recall check`: for each question, its picture's `(file in the package, media type)`,
/// and the files (name, bytes), each once.
///
/// # Errors
/// A picture that cannot be read or fails a check.
#[allow(clippy::type_complexity)]
fn pictures<'a>(
    cards: &[&'a Card],
    questions: &[(String, Question)],
    folder: &Path,
) -> Result<
    (
        Vec<Option<(String, &'static str, &'a Picture)>>,
        Vec<(String, Vec<u8>)>,
    ),
    String,
> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut each = Vec::with_capacity(questions.len());
    // A card's first question has the card's id; the others (`id.2`, ...) show no picture.
    let fronts: HashMap<&str, &Picture> = cards
        .iter()
        .filter_map(|c| Some((c.id.as_str(), c.pictures.front.as_ref()?)))
        .collect();
    for (id, _) in questions {
        let picture = fronts.get(id.as_str()).copied();
        let Some(picture) = picture else {
            each.push(None);
            continue;
        };
        let (bytes, mime) = crate::deck::picture::read_checked(folder, &picture.file)
            .map_err(|why| format!("card \"{id}\": picture {why}"))?;
        let name = format!(
            "media/{}",
            crate::interchange::apkg::media_name(&picture.file)
        );
        if !files.iter().any(|(n, _)| *n == name) {
            files.push((name.clone(), bytes));
        }
        each.push(Some((name, mime, picture)));
    }
    Ok((each, files))
}

/// The QTI package of `cards`: a question an item, as GIFT has them.
///
/// # Errors
/// A failure of the zip writer.
pub fn export(deck: &Deck, cards: &[&Card], deck_path: &Path) -> Result<Exported, String> {
    let (questions, notes) = quiz_questions(deck, cards, (false, true));
    let folder = crate::deck::picture::folder_of(deck_path);
    let (shown, files) = pictures(cards, &questions, &folder)?;
    let ident = xml(&format!("recall-{}", deck.id));
    let mut assessment = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <questestinterop xmlns=\"http://www.imsglobal.org/xsd/ims_qtiasiv1p2\">\n\
         <assessment ident=\"{ident}\" title=\"{}\"><section ident=\"root_section\">\n",
        xml(&deck.title)
    );
    for ((id, question), picture) in questions.iter().zip(&shown) {
        let picture = picture.as_ref().map(|(f, m, p)| (f.as_str(), *m, *p));
        assessment.push_str(&item(id, question, picture));
    }
    let listed: String = files
        .iter()
        .map(|(name, _)| format!("<file href=\"{}\"/>", xml(name)))
        .collect();
    assessment.push_str("</section></assessment></questestinterop>\n");
    let manifest = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <manifest identifier=\"{ident}-manifest\" xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\">\n\
         <metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>\n\
         <organizations/>\n<resources>\n\
         <resource identifier=\"{ident}\" type=\"imsqti_xmlv1p2\" href=\"assessment.xml\">\
         <file href=\"assessment.xml\"/>{listed}</resource>\n</resources>\n</manifest>\n"
    );
    let zipped = (|| -> zip::result::ZipResult<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("imsmanifest.xml", options)?;
        zip.write_all(manifest.as_bytes())?;
        zip.start_file("assessment.xml", options)?;
        zip.write_all(assessment.as_bytes())?;
        for (name, bytes) in &files {
            zip.start_file(name.as_str(), options)?;
            zip.write_all(bytes)?;
        }
        Ok(zip.finish()?.into_inner())
    })()
    .map_err(|e| format!("cannot write the package: {e}"))?;
    Ok(Exported {
        bytes: zipped,
        count: questions.len(),
        notes,
    })
}
