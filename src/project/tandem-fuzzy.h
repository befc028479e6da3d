/* tandem-fuzzy.h
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Scores how well @query matches @candidate as a fuzzy subsequence (case-insensitive):
 * higher is better, -1 when not every character of @query appears in order. Matches at
 * the start of a path component or word, runs of consecutive characters and matches in
 * the file name score more. @positions, when not NULL, receives the byte offsets of the
 * matched characters of @candidate (guint). */
int tandem_fuzzy_score (const char *query,
                        const char *candidate,
                        GArray     *positions);

G_END_DECLS
