/* tandem-file-tree-panel.h
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

#include "tandem-file-tree.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FILE_TREE_PANEL (tandem_file_tree_panel_get_type ())

G_DECLARE_FINAL_TYPE (TandemFileTreePanel, tandem_file_tree_panel, TANDEM, FILE_TREE_PANEL, GtkWidget)

GtkWidget      *tandem_file_tree_panel_new      (void);
TandemFileTree *tandem_file_tree_panel_get_tree (TandemFileTreePanel *self);
void            tandem_file_tree_panel_set_tree (TandemFileTreePanel *self,
                                                 TandemFileTree      *tree);

G_END_DECLS
