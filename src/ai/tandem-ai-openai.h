/* tandem-ai-openai.h
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

#include "tandem-ai-provider.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_AI_OPENAI (tandem_ai_openai_get_type ())

G_DECLARE_FINAL_TYPE (TandemAiOpenai, tandem_ai_openai, TANDEM, AI_OPENAI, GObject)

/* OpenAI Chat Completions and every server that speaks it (AI-PROTOCOLS.md B.1). */
TandemAiProvider *tandem_ai_openai_new              (const char     *base_url,
                                                     const char     *api_key,
                                                     const char     *key_host);
void              tandem_ai_openai_set_stream_usage (TandemAiOpenai *self,
                                                     gboolean        stream_usage);
gboolean          tandem_ai_openai_get_stream_usage (TandemAiOpenai *self);

G_END_DECLS
