/* tandem-terminal-page.h
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

#include <vte/vte.h>

G_BEGIN_DECLS

typedef enum
{
  TANDEM_TERMINAL_STATE_INITIAL,
  TANDEM_TERMINAL_STATE_RUNNING,
  TANDEM_TERMINAL_STATE_EXITED,
  TANDEM_TERMINAL_STATE_FAILED,
} TandemTerminalState;

#define TANDEM_TYPE_TERMINAL_PAGE (tandem_terminal_page_get_type ())

G_DECLARE_FINAL_TYPE (TandemTerminalPage, tandem_terminal_page, TANDEM, TERMINAL_PAGE, GtkWidget)

TandemTerminalPage  *tandem_terminal_page_new                (GFile              *directory,
                                                              const char         *command);
VteTerminal         *tandem_terminal_page_get_terminal       (TandemTerminalPage *self);
GFile               *tandem_terminal_page_get_directory      (TandemTerminalPage *self);
const char          *tandem_terminal_page_get_command        (TandemTerminalPage *self);
void                 tandem_terminal_page_set_command        (TandemTerminalPage *self,
                                                              const char         *command);
TandemTerminalState  tandem_terminal_page_get_state          (TandemTerminalPage *self);
GPid                 tandem_terminal_page_get_pid            (TandemTerminalPage *self);
int                  tandem_terminal_page_get_wait_status    (TandemTerminalPage *self);
gint64               tandem_terminal_page_get_duration       (TandemTerminalPage *self);
char                *tandem_terminal_page_dup_banner_text    (TandemTerminalPage *self);
char                *tandem_terminal_page_dup_text           (TandemTerminalPage *self);
GFile               *tandem_terminal_page_dup_cwd            (TandemTerminalPage *self);
void                 tandem_terminal_page_spawn              (TandemTerminalPage *self);
void                 tandem_terminal_page_stop               (TandemTerminalPage *self);
void                 tandem_terminal_page_open_reference     (TandemTerminalPage *self,
                                                              const char         *text);
void                 tandem_terminal_page_show_search        (TandemTerminalPage *self);

G_END_DECLS
