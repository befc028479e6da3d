/* tandem-ai-conversation.h
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

#include "tandem-ai-message.h"

G_BEGIN_DECLS

#define TANDEM_AI_CONVERSATION_ERROR (tandem_ai_conversation_error_quark ())
#define TANDEM_AI_CONVERSATION_FORMAT_VERSION 1

typedef enum
{
  TANDEM_AI_CONVERSATION_ERROR_DAMAGED,
  TANDEM_AI_CONVERSATION_ERROR_NEWER_VERSION,
  TANDEM_AI_CONVERSATION_ERROR_NOT_FOUND,
} TandemAiConversationError;

#define TANDEM_AI_TYPE_CONVERSATION (tandem_ai_conversation_get_type ())

G_DECLARE_FINAL_TYPE (TandemAiConversation, tandem_ai_conversation, TANDEM_AI, CONVERSATION, GObject)

GQuark                tandem_ai_conversation_error_quark         (void);

TandemAiConversation *tandem_ai_conversation_new                 (const char            *project_path);
const char           *tandem_ai_conversation_get_id              (TandemAiConversation  *self);
const char           *tandem_ai_conversation_get_project_path    (TandemAiConversation  *self);
const char           *tandem_ai_conversation_get_title           (TandemAiConversation  *self);
void                  tandem_ai_conversation_set_title           (TandemAiConversation  *self,
                                                                  const char            *title);
const char           *tandem_ai_conversation_get_provider_id     (TandemAiConversation  *self);
const char           *tandem_ai_conversation_get_model           (TandemAiConversation  *self);
void                  tandem_ai_conversation_set_provider        (TandemAiConversation  *self,
                                                                  const char            *provider_id,
                                                                  const char            *model);
gint64                tandem_ai_conversation_get_created         (TandemAiConversation  *self);
gint64                tandem_ai_conversation_get_updated         (TandemAiConversation  *self);
void                  tandem_ai_conversation_append              (TandemAiConversation  *self,
                                                                  TandemAiMessage       *message);
char                 *tandem_ai_conversation_to_json             (TandemAiConversation  *self,
                                                                  gsize                 *length);
TandemAiConversation *tandem_ai_conversation_new_from_json       (const char            *data,
                                                                  gssize                 length,
                                                                  GError               **error);

G_END_DECLS
