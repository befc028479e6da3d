/* tandem-terminal-panel.h
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

#include <adwaita.h>

#include "tandem-terminal-page.h"

G_BEGIN_DECLS

/* Entry points that the window looks up with tandem_module_lookup ("terminal", …). The
 * window sees the panel as a GtkWidget and its "open-file" signal and "running"
 * property. */

#define TANDEM_TYPE_TERMINAL_PANEL (tandem_terminal_panel_get_type ())

G_DECLARE_FINAL_TYPE (TandemTerminalPanel, tandem_terminal_panel, TANDEM, TERMINAL_PANEL, GtkWidget)

GtkWidget          *tandem_terminal_panel_new               (GFile      *root);
void                tandem_terminal_panel_open_in           (GtkWidget  *panel,
                                                             GFile      *directory);
void                tandem_terminal_panel_run               (GtkWidget  *panel);
void                tandem_terminal_panel_stop              (GtkWidget  *panel);
void                tandem_terminal_panel_edit_run_command  (GtkWidget  *panel);
gboolean            tandem_terminal_panel_get_running       (GtkWidget  *panel);
void                tandem_terminal_panel_focus             (GtkWidget  *panel);
TandemTerminalPage *tandem_terminal_panel_get_run_page      (TandemTerminalPanel *self);
TandemTerminalPage *tandem_terminal_panel_get_selected_page (TandemTerminalPanel *self);
guint               tandem_terminal_panel_get_n_pages       (TandemTerminalPanel *self);
void                tandem_terminal_panel_rename_page       (TandemTerminalPanel *self,
                                                             TandemTerminalPage  *page);

G_END_DECLS
