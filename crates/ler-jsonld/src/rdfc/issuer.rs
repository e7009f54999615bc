//! Identifier issuers: the canonical one (dense, one per run) and the temporary ones of Hash
//! N-Degree Quads (sparse).

use std::collections::HashMap;

use super::{NONE, idx};

/// The canonical identifier issuer over blank node indices (RDFC-1.0 §4.5): dense, one per run.
pub(super) struct Issuer {
    /// Issued number by blank node index, or `NONE`.
    pub(super) ids: Vec<u32>,
    /// Blank nodes in issuance order.
    pub(super) order: Vec<u32>,
}

impl Issuer {
    pub(super) fn new(blank_nodes: usize) -> Self {
        Self {
            ids: vec![NONE; blank_nodes],
            order: Vec::new(),
        }
    }

    pub(super) fn get(&self, b: u32) -> Option<u32> {
        match self.ids[b as usize] {
            NONE => None,
            id => Some(id),
        }
    }

    pub(super) fn issue(&mut self, b: u32) -> u32 {
        if let Some(id) = self.get(b) {
            return id;
        }
        let id = idx(self.order.len());
        self.ids[b as usize] = id;
        self.order.push(b);
        id
    }
}

/// A temporary issuer of Hash N-Degree Quads: sparse, so its size (and the cost of copying it,
/// which the work budget is charged) is what it issued, not the size of the dataset. A dense
/// issuer per blank node made tens of thousands of identical blank nodes quadratic in memory.
/// Most hold a handful of nodes, found by a scan; larger ones get an index.
#[derive(Clone, Default)]
pub(super) struct TempIssuer {
    /// Blank nodes in issuance order (the issued number is the position).
    pub(super) order: Vec<u32>,
    /// Blank node -> issued number, once `order` is longer than `SCAN_UP_TO`.
    pub(super) index: Option<HashMap<u32, u32>>,
}

impl TempIssuer {
    const SCAN_UP_TO: usize = 24;

    pub(super) fn get(&self, b: u32) -> Option<u32> {
        match &self.index {
            Some(index) => index.get(&b).copied(),
            None => self.order.iter().position(|&x| x == b).map(idx),
        }
    }

    pub(super) fn issue(&mut self, b: u32) -> u32 {
        if let Some(id) = self.get(b) {
            return id;
        }
        let id = idx(self.order.len());
        self.order.push(b);
        if let Some(index) = &mut self.index {
            index.insert(b, id);
        } else if self.order.len() > Self::SCAN_UP_TO {
            self.index = Some(
                self.order
                    .iter()
                    .enumerate()
                    .map(|(k, &x)| (x, idx(k)))
                    .collect(),
            );
        }
        id
    }

    pub(super) fn len(&self) -> u64 {
        self.order.len() as u64
    }
}
