//! Just enough of protobuf's wire format to read the few messages of a current package:
//! the top-level fields of a message, each a number with a varint or a byte string.

/// One field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value<'a> {
    /// A varint (a number, a boolean, an enum).
    Varint(u64),
    /// A length-delimited value (a string, bytes, a message inside).
    Bytes(&'a [u8]),
    /// A fixed 32 or 64 bit value, not read.
    Fixed,
}

/// The fields of `message` in order, or `None` when it is not well formed.
pub(super) fn fields(message: &[u8]) -> Option<Vec<(u64, Value<'_>)>> {
    let mut at = 0;
    let varint = |at: &mut usize| -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *message.get(*at)?;
            *at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    };
    let mut out = Vec::new();
    while at < message.len() {
        let key = varint(&mut at)?;
        let (field, wire) = (key >> 3, key & 7);
        let value = match wire {
            0 => Value::Varint(varint(&mut at)?),
            1 | 5 => {
                at = at.checked_add(if wire == 1 { 8 } else { 4 })?;
                Value::Fixed
            }
            2 => {
                let len = usize::try_from(varint(&mut at)?).ok()?;
                let end = at.checked_add(len)?;
                let bytes = message.get(at..end)?;
                at = end;
                Value::Bytes(bytes)
            }
            _ => return None,
        };
        out.push((field, value));
    }
    (at == message.len()).then_some(out)
}

/// The value of varint field `wanted` of a protobuf message, if it is there (a note type's
/// config holds its kind in field 1: 0 standard, 1 cloze).
pub(super) fn varint(message: &[u8], wanted: u64) -> Option<u64> {
    fields(message)?
        .into_iter()
        .find_map(|(field, value)| match value {
            Value::Varint(v) if field == wanted => Some(v),
            _ => None,
        })
}
