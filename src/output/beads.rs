//! Vecalign bead notation, one bead per line, 0-based sentence indices:
//! `[0]:[0]`, `[1, 2]:[1]`, `[3]:[]`.

use crate::types::Unit;

pub fn write(units: &[Unit]) -> String {
    let list = |v: &[usize]| {
        v.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    units
        .iter()
        .map(|u| format!("[{}]:[{}]\n", list(&u.src), list(&u.tgt)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beads_use_vecalign_notation() {
        let unit = |src: Vec<usize>, tgt: Vec<usize>| Unit {
            src,
            tgt,
            score: 1.0,
            ..Unit::default()
        };
        let units = [
            unit(vec![0], vec![0]),
            unit(vec![1, 2], vec![1]),
            unit(vec![3], vec![]),
        ];
        assert_eq!(write(&units), "[0]:[0]\n[1, 2]:[1]\n[3]:[]\n");
    }
}
