/* tandem-ai-chat-panel.h
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

#include "tandem-ai-context.h"

G_BEGIN_DECLS

#define TANDEM_AI_TYPE_CHAT_PANEL (tandem_ai_chat_panel_get_type ())

G_DECLARE_FINAL_TYPE (TandemAiChatPanel, tandem_ai_chat_panel, TANDEM_AI, CHAT_PANEL, GtkWidget)

/* Entry points the window looks up in the "ai" module (tandem_module_lookup()). */
typedef GtkWidget *(*TandemAiChatPanelNew)        (GFile               *project_root);
typedef void       (*TandemAiChatPanelSetEditor)  (GtkWidget           *panel,
                                                   GtkTextBuffer       *buffer,
                                                   GFile               *file,
                                                   const char          *language);
typedef void       (*TandemAiChatPanelQuickAction) (GtkWidget          *panel,
                                                   TandemAiQuickAction  action);
typedef void       (*TandemAiChatPanelFocus)      (GtkWidget           *panel);

GtkWidget *tandem_ai_chat_panel_new            (GFile               *project_root);
void       tandem_ai_chat_panel_set_editor     (GtkWidget           *panel,
                                                GtkTextBuffer       *buffer,
                                                GFile               *file,
                                                const char          *language);
void       tandem_ai_chat_panel_quick_action   (GtkWidget           *panel,
                                                TandemAiQuickAction  action);
void       tandem_ai_chat_panel_focus          (GtkWidget           *panel);

/* For tests and the benchmark. */
void       tandem_ai_chat_panel_send_text      (TandemAiChatPanel   *self,
                                                const char          *text);
void       tandem_ai_chat_panel_stop           (TandemAiChatPanel   *self);
gboolean   tandem_ai_chat_panel_get_busy       (TandemAiChatPanel   *self);
GListModel *tandem_ai_chat_panel_get_messages  (TandemAiChatPanel   *self);
GtkWidget *tandem_ai_chat_panel_get_last_answer_view (TandemAiChatPanel *self);
void       tandem_ai_chat_panel_set_client     (TandemAiChatPanel   *self,
                                                gpointer             client);

G_END_DECLS
