/* tandem-ai-anthropic.h
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

#define TANDEM_TYPE_AI_ANTHROPIC (tandem_ai_anthropic_get_type ())

G_DECLARE_FINAL_TYPE (TandemAiAnthropic, tandem_ai_anthropic, TANDEM, AI_ANTHROPIC, GObject)

#define TANDEM_AI_ANTHROPIC_VERSION "2023-06-01"
#define TANDEM_AI_ANTHROPIC_DEFAULT_MAX_TOKENS 4096

/* Anthropic Messages (AI-PROTOCOLS.md B.2). */
TandemAiProvider *tandem_ai_anthropic_new (const char *base_url,
                                           const char *api_key,
                                           const char *key_host);

G_END_DECLS
