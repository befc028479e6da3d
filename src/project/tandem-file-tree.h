/* tandem-file-tree.h
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

#include <gtk/gtk.h>

#include "tandem-types.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FILE_TREE (tandem_file_tree_get_type ())

G_DECLARE_FINAL_TYPE (TandemFileTree, tandem_file_tree, TANDEM, FILE_TREE, GObject)

TandemFileTree   *tandem_file_tree_new               (GFile          *root);
GFile            *tandem_file_tree_get_root          (TandemFileTree *self);
gboolean          tandem_file_tree_get_show_hidden   (TandemFileTree *self);
void              tandem_file_tree_set_show_hidden   (TandemFileTree *self,
                                                      gboolean        show_hidden);
GListModel       *tandem_file_tree_get_children      (TandemFileTree *self,
                                                      GFile          *directory);
GtkTreeListModel *tandem_file_tree_create_tree_model (TandemFileTree *self);
gboolean          tandem_file_tree_is_loaded         (TandemFileTree *self,
                                                      GFile          *directory);
const GError     *tandem_file_tree_get_error         (TandemFileTree *self,
                                                      GFile          *directory);
void              tandem_file_tree_cancel            (TandemFileTree *self);

G_END_DECLS
