/* tandem-quick-open.h
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

#include "tandem-file-index.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_QUICK_OPEN (tandem_quick_open_get_type ())

G_DECLARE_FINAL_TYPE (TandemQuickOpen, tandem_quick_open, TANDEM, QUICK_OPEN, GtkWindow)

TandemQuickOpen *tandem_quick_open_new          (GtkWindow       *parent,
                                                 TandemFileIndex *index);
void             tandem_quick_open_set_query    (TandemQuickOpen *self,
                                                 const char      *query);
GListModel      *tandem_quick_open_get_results  (TandemQuickOpen *self);
gboolean         tandem_quick_open_activate_selected (TandemQuickOpen *self);

G_END_DECLS
